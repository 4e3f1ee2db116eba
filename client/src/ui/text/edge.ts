import { i18n } from '../../i18n/i18n.ts';

/**
 * Why the server refused this phone's connection (issue 16, a hardened edge), keyed by the
 * refusal code (client/src/room/handshake-refusal.ts). Plain and neutral: they say what the
 * server decided, never what the room is for.
 */
export const edgeText = i18n('edge', {
  origin_not_allowed: 'This server does not accept connections from this address.',
  too_many_connections: 'Too many connections from this network right now. Still trying…',
});
