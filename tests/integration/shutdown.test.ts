import { describe, expect, it } from 'vitest';
import { connectSocket, errorReply, waitForDisconnect } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { STORE_KINDS } from './support/stores.ts';

const PAUSE = { type: 'signal', kind: 'pause' } as const;

describe.each(STORE_KINDS)('shutting down, on the %s store', (storeKind) => {
  const harness = useHarness(storeKind);

  it('R3: answers and stores the send in flight, refuses what comes after, then lets every phone go', async () => {
    const server = await harness.faultyServer();
    const { store } = server;
    // The rooms stay readable after the server closed, to see what it left behind.
    store.keepOnClose = true;
    const { a, b } = await harness.pairOn(server);

    // A's send is at the store's door when the shutdown begins.
    const held = store.holdNext('append');
    const sending = a.send(PAUSE);
    await held.entered;
    const letGo = [a, b].map((partner) => waitForDisconnect(partner.socket));
    const closing = server.close();

    // From then on, new connections are refused, and so is a request that arrives now (R4:
    // typed, retryable, nothing written).
    await expect(connectSocket(server.url)).rejects.toThrow();
    expect(await b.sync(0)).toEqual(errorReply('storage_unavailable'));

    held.release();
    const { reply } = await sending;
    expect(reply).toEqual({ ok: true, seq: 1, duplicate: false });
    await closing;
    expect(await Promise.all(letGo)).toEqual(['transport close', 'transport close']);
    expect((await store.log(a.roomId)).map((envelope) => envelope.seq)).toEqual([1]);
    await store.inner.close();
  });
});
