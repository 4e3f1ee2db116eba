import type { HandshakeRefusal } from '../../room/handshake-refusal.ts';

/**
 * Why the server refused this phone's connection (issue 16, a hardened edge). Plain and neutral:
 * they say what the server decided, never what the room is for.
 */
export const edgeText: Readonly<Record<HandshakeRefusal, string>> = {
  origin_not_allowed: 'This server does not accept connections from this address.',
  too_many_connections: 'Too many connections from this network right now. Still trying…',
};
