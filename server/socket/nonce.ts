import { randomBytes } from 'node:crypto';
import type { TandemSocket } from './types.ts';

/**
 * Gives a new connection its join nonce and sends it at once, before the phone can have sent
 * anything: the phone joins when it arrives, so the join costs no extra round trip and can never
 * race ahead of its nonce. A reconnect is a new connection with a new nonce.
 */
export function issueNonce(socket: TandemSocket): void {
  const nonce = randomBytes(32).toString('base64url');
  socket.data.nonce = nonce;
  socket.emit('session:nonce', { nonce });
}

/**
 * The connection's nonce, gone from it from now on: it answers one join attempt, whatever that
 * join's outcome, so a proof can never be replayed, not even on its own connection.
 */
export function takeNonce(socket: TandemSocket): string | null {
  const nonce = socket.data.nonce;
  socket.data.nonce = null;
  return nonce;
}

/**
 * A connection left without a seat (its join failed, or its room ended) gets a fresh nonce, so it
 * may join again on the same connection; one that still has an unused nonce keeps it. It is sent
 * before the reply of the request that left it seatless, so it is always there for the next join.
 * (The phone itself joins again on a fresh connection; this serves any other well-behaved client.)
 */
export function renewNonce(socket: TandemSocket): void {
  if (socket.data.nonce === null) issueNonce(socket);
}
