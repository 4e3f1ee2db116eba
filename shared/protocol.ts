import * as z from 'zod/mini';
import { ERROR_CODES } from './errors.ts';
import { EventId, Incarnation, MemberId, MemberSecret, RoomId, Seat, SeqNumber } from './ids.ts';
import { LIMITS } from './limits.ts';
import {
  PushSubscribeRequest,
  PushWakeRequest,
  VapidPublicKey,
  VisibilityRequest,
} from './push.ts';

/**
 * The wire protocol between a phone and the server. The server sees only what is here: ids,
 * seats, sequence numbers, opaque ciphertext, one "notify" bit and the time a room is asked to be
 * kept until. Content is sealed inside `ciphertext` (see content.ts and crypto/).
 */

export const Ciphertext = z
  .string()
  .check(z.minLength(1), z.maxLength(LIMITS.maxCiphertextChars), z.regex(/^[A-Za-z0-9_-]+$/));

/** What a phone asks the server to append to the room's log. */
export const OutgoingEnvelope = z.strictObject({
  eventId: EventId,
  ciphertext: Ciphertext,
  /** Urgent: the partner should be alerted (a signal). Everything else is quiet. */
  notify: z.boolean(),
});
export type OutgoingEnvelope = z.infer<typeof OutgoingEnvelope>;

/** An envelope as stored and relayed: the server adds sequence, seat and time. */
export const StoredEnvelope = z.strictObject({
  seq: z.int().check(z.minimum(1)),
  eventId: EventId,
  seat: Seat,
  ciphertext: Ciphertext,
  notify: z.boolean(),
  /** Server time of the append, epoch milliseconds. */
  storedAt: z.int().check(z.minimum(0)),
});
export type StoredEnvelope = z.infer<typeof StoredEnvelope>;

export const SeatPresence = z.strictObject({
  taken: z.boolean(),
  online: z.boolean(),
  /** The seat's phone has a push subscription: it can be reached while Tandem is closed. */
  push: z.boolean(),
});
/** Presence of both seats, indexed by seat number. */
export const Presence = z.strictObject({
  seats: z.tuple([SeatPresence, SeatPresence]),
  /**
   * The order in which the server worked presence out, rising within one server process: a join
   * reply can reach the phone after pushes worked out later, and the phone keeps the newest.
   */
  turn: z.optional(z.int().check(z.minimum(0))),
});
export type Presence = z.infer<typeof Presence>;

export const ErrorReply = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({ code: z.enum(ERROR_CODES) }),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/**
 * The version of this contract. A phone sends it with every join; a server answers any other
 * version with `protocol_mismatch`, so an old tab after a deploy is told to reload rather than
 * misunderstood. Raise it with any change a phone of the previous build could not follow.
 */
export const PROTOCOL_VERSION = 5;

/** 32 random bytes the server sends each new connection (`session:nonce`), base64url. */
export const SessionNonce = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** HMAC-SHA-256 of the connection's nonce, room id and member id (crypto/join-proof.ts). */
export const JoinProof = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
/** The room's 32-byte join key, base64url: sent once, when the room is made. */
export const JoinVerifier = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

// Kept in ids.ts, so a module that needs only the ids (the start screen's) leaves the protocol's
// schemas out of the phone's first load; exported here too, as part of the contract.
export { Incarnation };

const reply = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.union([z.strictObject({ ok: z.literal(true), ...shape }), ErrorReply]);

// ---- Client → server requests, each answered through the socket.io acknowledgement. ----

/**
 * Take (or return to) a seat. `create` is sent only by the device that made the room, until the
 * server has confirmed it once; afterwards every device only ever joins, so a deleted room can
 * never be brought back by a stale phone.
 */
export const JoinRequest = z
  .strictObject({
    /** PROTOCOL_VERSION of the phone's build; checked before anything else in the join. */
    protocol: z.int(),
    roomId: RoomId,
    memberId: MemberId,
    memberSecret: MemberSecret,
    create: z.boolean(),
    /**
     * The incarnation this device joined before, or null on its first join. A room under the id
     * that is another incarnation (or none) is not this device's room: it is answered
     * room_not_found, and no seat is taken or room made, so a phone that was away while its room
     * was deleted and made again can never sit down in the new one.
     */
    incarnation: z.nullable(Incarnation),
    /** The last sequence number this device holds; the reply replays what follows. */
    afterSeq: SeqNumber,
    /**
     * Proof that the device holds the room secret, answering this connection's `session:nonce`
     * (crypto/join-proof.ts). Every join carries one, the creator's included.
     */
    proof: JoinProof,
    /**
     * The join key, sent with `create` (and only then) so the server can check later proofs. It
     * lets the server verify joins, never decrypt anything.
     */
    joinVerifier: z.nullable(JoinVerifier),
  })
  .check(
    z.refine((join) => join.create === (join.joinVerifier !== null), {
      message: 'a join verifier goes with create, and only with it',
    }),
  );
export const JoinReply = reply({
  seat: Seat,
  /** The room's incarnation: a phone holding a log of another one starts its copy afresh. */
  incarnation: Incarnation,
  /**
   * The room's last sequence number when the seat was taken. A phone that holds more than this
   * holds a log the server no longer has (its store was restored from a backup): it starts its
   * copy afresh and sends again what its outbox still holds.
   */
  lastSeq: SeqNumber,
  presence: Presence,
  envelopes: z.array(StoredEnvelope),
  /** False when more envelopes follow than one page holds: ask with `room:sync`. */
  complete: z.boolean(),
  /** The server's VAPID public key for push subscriptions; null when this server sends none. */
  pushKey: z.nullable(VapidPublicKey),
});

export const SyncRequest = z.strictObject({ afterSeq: SeqNumber });
export const SyncReply = reply({ envelopes: z.array(StoredEnvelope), complete: z.boolean() });

export const SendRequest = OutgoingEnvelope;
export const SendReply = reply({
  seq: z.int().check(z.minimum(1)),
  /** True when this event id was already stored: the retry changed nothing. */
  duplicate: z.boolean(),
});

export const DeleteRequest = z.strictObject({});
export const DeleteReply = reply({});

/** A moment, epoch milliseconds (z.int() keeps it a safe integer). */
const EpochMs = z.int().check(z.minimum(0));

/**
 * Keep the room until `until` (follow-up check-ins after a session). The server learns only this
 * time, never why: what the follow-ups are, and that there are any, travels sealed in the log.
 * The room then stays until `until` plus the usual idle time, but never past its maximum age: the
 * server caps `until` there. A smaller `until` than before lowers it (follow-ups turned off); 0
 * keeps the room no longer than its activity does. Asking is not activity: it changes nothing
 * else, so a repeat of the same request is harmless.
 */
export const KeepRequest = z.strictObject({ until: EpochMs });
export const KeepReply = reply({
  /** What the server keeps now: `until`, or the room's maximum age if that comes first. */
  keptUntil: EpochMs,
});

export const PushSubscribeReply = reply({});
export const PushWakeReply = reply({});
export const VisibilityReply = reply({});

/** Every request a phone can make: its name, payload schema and reply schema. */
export const REQUESTS = {
  'room:join': { request: JoinRequest, reply: JoinReply },
  'room:sync': { request: SyncRequest, reply: SyncReply },
  'envelope:send': { request: SendRequest, reply: SendReply },
  'room:delete': { request: DeleteRequest, reply: DeleteReply },
  'room:keep': { request: KeepRequest, reply: KeepReply },
  'push:subscribe': { request: PushSubscribeRequest, reply: PushSubscribeReply },
  'push:wake': { request: PushWakeRequest, reply: PushWakeReply },
  'phone:visibility': { request: VisibilityRequest, reply: VisibilityReply },
} as const;
export type RequestName = keyof typeof REQUESTS;
export const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[];
export type RequestOf<N extends RequestName> = z.infer<(typeof REQUESTS)[N]['request']>;
export type ReplyOf<N extends RequestName> = z.infer<(typeof REQUESTS)[N]['reply']>;

export const isRequestName = (name: string): name is RequestName =>
  Object.prototype.hasOwnProperty.call(REQUESTS, name);

// ---- Server → client pushes. ----

/**
 * Why a room ended: a partner deleted it, it was idle past its time, or it reached its maximum
 * age. Every way a room ends sends this to every phone still connected.
 */
export const RoomEndReason = z.enum(['deleted', 'expired', 'max_age']);
export type RoomEndReason = z.infer<typeof RoomEndReason>;
export const RoomDeleted = z.strictObject({ reason: RoomEndReason });

/**
 * Sent once to every new connection, at once: the nonce its join proof must answer. A phone
 * joins only once it has this (so there is no extra round trip and no race), and a nonce is good
 * for one join on its own connection: a reconnect gets a new one.
 */
export const SessionNonceEvent = z.strictObject({ nonce: SessionNonce });

export const PUSHES = {
  'session:nonce': SessionNonceEvent,
  envelope: StoredEnvelope,
  presence: Presence,
  'room:deleted': RoomDeleted,
} as const;
export type PushName = keyof typeof PUSHES;
export type PushOf<N extends PushName> = z.infer<(typeof PUSHES)[N]>;

// ---- socket.io event maps, derived from the tables above. ----

/** The phone's typed view: it sends well-formed requests and gets typed replies. */
export type ClientToServerEvents = {
  [N in RequestName]: (payload: RequestOf<N>, ack: (reply: ReplyOf<N>) => void) => void;
};

/**
 * The server's view of the same events: everything from a socket is untrusted until parsed, so
 * arguments are `unknown` and each handler must validate them.
 */
export type UntrustedClientEvents = {
  [N in RequestName]: (...args: unknown[]) => void;
};

export type ServerToClientEvents = {
  [N in PushName]: (payload: PushOf<N>) => void;
};

/** The phone's view of pushes: untrusted until parsed, like everything crossing a boundary. */
export type UntrustedServerEvents = {
  [N in PushName]: (payload: unknown) => void;
};
