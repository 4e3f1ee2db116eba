import { PROTOCOL_VERSION } from '../../shared/protocol.ts';

/**
 * Whether a join comes from a phone of another build: an object whose `protocol` is missing (a
 * build from before versioning) or names another version. Checked before the schema, because a
 * phone of another build may well send a join this build's schema refuses, and it must learn to
 * reload rather than be told its request is malformed.
 */
export function isOtherProtocol(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  return (payload as { protocol?: unknown }).protocol !== PROTOCOL_VERSION;
}
