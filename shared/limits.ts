/** Hard limits of the wire contract. Both sides enforce them; the server rejects anything larger. */
export const LIMITS = {
  /**
   * Base64url characters in a sealed envelope: enough for the largest content event after padding
   * (ten own wishes of 80 lone surrogates seal to 6,866; the longest sealed reflection to 6,524).
   */
  maxCiphertextChars: 8192,
  /** Envelopes returned by one replay page; the client asks again while `complete` is false. */
  replayPageSize: 200,
  /** Characters in a checklist item's label, and in one of a person's own wishes. */
  maxItemLabelChars: 80,
  /** Items on one checklist; later additions are ignored by the reducer. */
  maxChecklistItems: 60,
  /** Signal ids acknowledged by one `signal_seen` event. */
  maxSeenBatch: 50,
  /** A person's own wishes ("Something else that helps") in one share. */
  maxOwnWishes: 10,
  /** Characters in each reflection answer. */
  maxReflectionChars: 400,
  /**
   * Base64url characters of a sealed reflection. Both answers at their longest, in the costliest
   * characters JSON keeps (400 emoji: 4 UTF-8 bytes each; lone surrogates are refused), make 3,223
   * bytes of JSON; padded to 3,328, with version byte, IV and tag 3,357 bytes: 4,476 characters.
   * (4,096 held only 3-byte characters.) The event carrying it still seals within 8,192.
   */
  maxSealedReflectionChars: 4608,
  /** Characters in the note of a follow-up answer. */
  maxFollowUpNoteChars: 280,
  /** Prompts one follow-up answer may answer at once. */
  maxFollowUpCovers: 8,
  /** Characters in a push subscription's endpoint URL (push services use well under 500). */
  maxPushEndpointChars: 1024,
  /** Bytes in one socket.io message; a larger frame closes the connection. */
  maxMessageBytes: 16 * 1024,
} as const;

/** Plaintext is padded to a multiple of this many bytes so sizes do not reveal the event kind. */
export const PADDING_BLOCK_BYTES = 256;
