import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { randomBase64url } from '../../shared/crypto/base64url.ts';
import { deriveRoomKeys, newRoomSecret } from '../../shared/crypto/codec.ts';
import type { Presence } from '../../shared/protocol.ts';
import { PUSHES } from '../../shared/protocol.ts';
import { joinRequest } from '../../client/src/room/join-request.ts';
import { createApp } from '../../server/app.ts';
import { MemoryRoomStore } from '../../server/store/memory-store.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

/**
 * Presence must not depend on a phone saying goodbye: one that loses its signal sends no close
 * frame, its connection just goes quiet. A loopback proxy freezes one phone's connection (nothing
 * forwarded either way, nothing closed) and the partner must still be told, by the heartbeat.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyTo(port: number): Promise<TcpProxy> {
  const proxy = await TcpProxy.start({ targetPort: port });
  cleanups.push(() => proxy.close());
  return proxy;
}

/** Each phone's join nonce: listened for at once, since it comes right with the connection. */
const nonces = new WeakMap<Socket, Promise<string>>();

function phone(url: string): Socket {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  nonces.set(
    socket,
    new Promise((resolve) => {
      socket.once('session:nonce', (raw: unknown) => {
        resolve(PUSHES['session:nonce'].parse(raw).nonce);
      });
    }),
  );
  cleanups.push(() => {
    socket.disconnect();
  });
  return socket;
}

/** Resolves with the first presence push that satisfies `test`. */
const presenceWhere = (socket: Socket, test: (presence: Presence) => boolean) =>
  new Promise<Presence>((resolve) => {
    const listener = (raw: unknown) => {
      const parsed = PUSHES.presence.safeParse(raw);
      if (parsed.success && test(parsed.data)) {
        socket.off('presence', listener);
        resolve(parsed.data);
      }
    };
    socket.on('presence', listener);
  });

async function join(socket: Socket, roomSecret: string, create: boolean): Promise<unknown> {
  const { roomId } = await deriveRoomKeys(roomSecret);
  const payload = {
    roomSecret,
    roomId,
    memberId: randomBase64url(16),
    memberSecret: randomBase64url(32),
    create,
    incarnation: null,
    afterSeq: 0,
  };
  const nonce = await nonces.get(socket);
  if (nonce === undefined) throw new Error('not a phone');
  return socket.timeout(5_000).emitWithAck('room:join', await joinRequest(payload, nonce));
}

it('R12: tells the partner when a phone goes silent without closing its connection', async () => {
  // A short heartbeat keeps the test quick; production uses 5 s + 4 s (see server/app.ts).
  const app = createApp(
    { store: new MemoryRoomStore() },
    {
      staticDir: null,
      lifetime: { idleMs: 60_000, maxAgeMs: 600_000 },
      heartbeat: { intervalMs: 100, timeoutMs: 100 },
    },
  );
  cleanups.push(() => app.close());
  const address = await app.listen(0, '127.0.0.1');
  const proxy = await proxyTo(address.port);
  const roomSecret = newRoomSecret();

  const a = phone(`http://127.0.0.1:${String(address.port)}`);
  const b = phone(proxy.url);
  expect(await join(a, roomSecret, true)).toMatchObject({ ok: true, seat: 0 });
  const bothHere = presenceWhere(a, (p) => p.seats[1].online);
  expect(await join(b, roomSecret, false)).toMatchObject({ ok: true, seat: 1 });
  await bothHere;

  const bGone = presenceWhere(a, (p) => !p.seats[1].online);
  proxy.stall();
  // No close frame reached the server: only the missing heartbeat can tell it.
  expect(await bGone).toMatchObject({
    seats: [
      { taken: true, online: true, push: false },
      { taken: true, online: false, push: false },
    ],
  });
  expect(a.connected).toBe(true);
});
