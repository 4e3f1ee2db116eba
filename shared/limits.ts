/** Hard limits of the wire contract. Both sides enforce them; the server rejects anything larger. */
export const LIMITS = {
  /** Base64url characters in a sealed envelope: enough for any content event after padding. */
  maxCiphertextChars: 4096,
  /** Envelopes returned by one replay page; the client asks again while `complete` is false. */
  replayPageSize: 200,
  /** Characters in a checklist item's label. */
  maxItemLabelChars: 80,
  /** Items on one checklist; later additions are ignored by the reducer. */
  maxChecklistItems: 60,
  /** Signal ids acknowledged by one `signal_seen` event. */
  maxSeenBatch: 50,
  /** Bytes in one socket.io message; a larger frame closes the connection. */
  maxMessageBytes: 16 * 1024,
} as const;

/** Plaintext is padded to a multiple of this many bytes so sizes do not reveal the event kind. */
export const PADDING_BLOCK_BYTES = 256;
