import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { RoomKeys } from '../shared/crypto/codec.ts';
import { deriveRoomKeys, newRoomSecret, sealEvent } from '../shared/crypto/codec.ts';
import { randomBase64url } from '../shared/crypto/base64url.ts';
import type { JoinKey } from '../shared/crypto/join-proof.ts';
import { deriveJoinKey, proveJoin } from '../shared/crypto/join-proof.ts';
import type { Seat } from '../shared/ids.ts';
import type { OutgoingEnvelope, RequestOf } from '../shared/protocol.ts';
import { PROTOCOL_VERSION } from '../shared/protocol.ts';

/** How long a request may wait for its acknowledgement before it counts as an error. */
export const ACK_TIMEOUT_MS = 10_000;

/** A room as both its phones know it: the secret from the invite link and what derives from it. */
export interface BenchRoom {
  readonly secret: string;
  readonly keys: RoomKeys;
  readonly joinKey: JoinKey;
  /** The highest sequence number the server acknowledged in this room. */
  lastAcked: number;
}

export async function newBenchRoom(): Promise<BenchRoom> {
  const secret = newRoomSecret();
  const [keys, joinKey] = await Promise.all([deriveRoomKeys(secret), deriveJoinKey(secret)]);
  return { secret, keys, joinKey, lastAcked: 0 };
}

/** A sealed signal, as a tap on Pause makes it (shared/content.ts, shared/crypto/codec.ts). */
export async function sealSignal(room: BenchRoom, seat: Seat): Promise<OutgoingEnvelope> {
  const eventId = randomBase64url(16);
  const ciphertext = await sealEvent(
    room.keys,
    { roomId: room.keys.roomId, eventId, seat },
    { type: 'signal', kind: 'pause' },
  );
  return { eventId, ciphertext, notify: true };
}

interface JoinReplyShape {
  readonly ok: boolean;
  readonly seat?: Seat;
  readonly incarnation?: string;
  readonly envelopes?: readonly { readonly seq: number }[];
  readonly complete?: boolean;
  readonly error?: { readonly code: string };
}

type EnvelopeListener = (envelope: { readonly seq: number; readonly eventId: string }) => void;

/**
 * One phone of a bench room, doing what the real one does on the wire (client/src/room/
 * connection.ts and connect.ts): WebSocket only, socket.io's reconnection with the phone's
 * backoff, a join on each connection's first nonce that proves it holds the room secret and asks
 * for everything after the last sequence number it holds. Pushes are not parsed with the contract
 * here (that is the phone's CPU, not the server's); the bench only follows sequence numbers.
 */
export class BenchPhone {
  readonly socket: Socket;
  readonly memberId = randomBase64url(16);
  readonly memberSecret = randomBase64url(32);
  /** The highest sequence number held (the log is gap-free: replies and pushes fill it in order). */
  heldUpTo = 0;
  joined = false;
  joins = 0;
  /** Envelopes that came in join replies and syncs rather than as live pushes. */
  replayed = 0;
  seat: Seat | null = null;
  /** Whether this phone joins whenever it connects (false while it is "asleep"). */
  wantsToJoin = true;
  #incarnation: string | null = null;
  #create: boolean;
  #onJoined: (() => void) | null = null;
  #onFailure: ((why: string) => void) | null = null;

  constructor(
    url: string,
    readonly room: BenchRoom,
    create: boolean,
    onEnvelope: EnvelopeListener,
  ) {
    this.#create = create;
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      autoConnect: false,
    });
    // As the phone does (connection.ts): only the first nonce of a connection starts a join; a
    // failed join is tried again on a fresh connection, never on the same one.
    let awaitingNonce = false;
    this.socket.on('connect', () => {
      awaitingNonce = true;
    });
    this.socket.on('session:nonce', (payload: { nonce: string }) => {
      if (!awaitingNonce || !this.wantsToJoin) return;
      awaitingNonce = false;
      void this.#join(payload.nonce);
    });
    this.socket.on('envelope', (envelope: { seq: number; eventId: string }) => {
      if (envelope.seq > this.heldUpTo) this.heldUpTo = envelope.seq;
      onEnvelope(envelope);
    });
    this.socket.on('disconnect', () => {
      this.joined = false;
    });
  }

  /** Connects and resolves once joined; rejects with the refusal or the failure. */
  enter(): Promise<void> {
    const joined = this.nextJoin();
    this.socket.connect();
    return joined;
  }

  /** Resolves at the next successful join (on whatever connection). */
  nextJoin(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#onJoined = resolve;
      this.#onFailure = (why) => {
        reject(new Error(why));
      };
    });
  }

  async #join(nonce: string): Promise<void> {
    const { roomId } = this.room.keys;
    const request: RequestOf<'room:join'> = {
      protocol: PROTOCOL_VERSION,
      roomId,
      memberId: this.memberId,
      memberSecret: this.memberSecret,
      create: this.#create,
      incarnation: this.#incarnation,
      afterSeq: this.heldUpTo,
      proof: await proveJoin(this.room.joinKey, { nonce, roomId, memberId: this.memberId }),
      joinVerifier: this.#create ? this.room.joinKey.verifier : null,
    };
    let reply: JoinReplyShape;
    try {
      reply = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:join', request)) as JoinReplyShape;
    } catch (error) {
      // No answer: as the phone does, try again on a fresh connection (a nonce answers one join).
      // A connection that dropped meanwhile is brought back by socket.io's reconnection.
      if (this.socket.connected) {
        this.#onFailure?.(`join: ${String(error)}`);
        this.#reconnectSoon();
      }
      return;
    }
    if (!reply.ok) {
      this.#onFailure?.(`join refused: ${reply.error?.code ?? '?'}`);
      // Retryable refusals are tried again on a fresh connection; any other is final.
      if (reply.error?.code === 'storage_unavailable' || reply.error?.code === 'internal') {
        this.#reconnectSoon();
      } else {
        this.wantsToJoin = false;
        this.socket.disconnect();
      }
      return;
    }
    this.seat = reply.seat ?? null;
    this.#incarnation = reply.incarnation ?? null;
    this.#create = false;
    this.#hold(reply.envelopes ?? []);
    while (reply.complete === false) {
      reply = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:sync', { afterSeq: this.heldUpTo })) as JoinReplyShape;
      if (!reply.ok) break;
      this.#hold(reply.envelopes ?? []);
    }
    this.joined = true;
    this.joins += 1;
    this.#onJoined?.();
    this.#onJoined = null;
    this.#onFailure = null;
  }

  /** A fresh connection after the phone's first backoff step (0.5 s, with jitter). */
  #reconnectSoon(): void {
    this.socket.disconnect();
    setTimeout(
      () => {
        if (this.wantsToJoin) this.socket.connect();
      },
      250 + Math.random() * 500,
    );
  }

  #hold(envelopes: readonly { readonly seq: number }[]): void {
    this.replayed += envelopes.length;
    for (const envelope of envelopes) {
      if (envelope.seq > this.heldUpTo) this.heldUpTo = envelope.seq;
    }
  }
}
