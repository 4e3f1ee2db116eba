import { afterEach, describe, expect, it } from 'vitest';
import { randomBase64url } from '../../shared/crypto/base64url.ts';
import { LIMITS } from '../../shared/limits.ts';
import { tempSqliteStore } from '../support/temp-sqlite.ts';
import type { TempSqliteStore } from '../support/temp-sqlite.ts';
import { errorReply } from './support/client.ts';
import { useHarness } from './support/harness.ts';

const harness = useHarness();
const PAUSE = { type: 'signal', kind: 'pause' } as const;

describe('a full disk under the SQLite store', () => {
  let temp: TempSqliteStore | null = null;
  let close: (() => Promise<void>) | null = null;

  afterEach(async () => {
    // This hook runs before the harness's own: close the server (and with it the store) first,
    // so the file is removed only once nothing has it open.
    await close?.();
    temp?.remove();
    temp = null;
    close = null;
  });

  it('R4: answers a send storage_unavailable, writes nothing partial, and takes the same event once there is room', async () => {
    temp = tempSqliteStore();
    const { store } = temp;
    const server = await harness.server({ store });
    close = () => server.close();
    const { a, b } = await harness.pairOn(server);
    const first = await a.sendOk(PAUSE);
    await b.received(first.eventId);
    const before = store.dumpForTests();
    const unlimited = store.pragmaForTests('max_page_count');
    // SQLite never goes below the pages in use: the next append that needs a page fails.
    store.pragmaForTests('max_page_count = 1');

    // A ciphertext as large as the contract allows needs new pages wherever it goes.
    const envelope = {
      ...(await a.seal(PAUSE)),
      ciphertext: randomBase64url((LIMITS.maxCiphertextChars * 3) / 4),
    };
    expect(await a.client.request('envelope:send', envelope)).toEqual(
      errorReply('storage_unavailable'),
    );
    expect(store.dumpForTests()).toBe(before);
    expect(await server.store.getRoom(a.roomId)).toMatchObject({ lastSeq: 1 });

    store.pragmaForTests(`max_page_count = ${String(unlimited)}`);
    expect(await a.client.request('envelope:send', envelope)).toEqual({
      ok: true,
      seq: 2,
      duplicate: false,
    });
    // B gets it once, under the next sequence number: nothing was half-stored before.
    expect((await b.received(envelope.eventId)).seq).toBe(2);
    expect(b.client.envelopes.map((stored) => stored.seq)).toEqual([1, 2]);
  });
});
