import { isUrgent } from '../../../shared/content.ts';
import type { ContentEvent } from '../../../shared/content.ts';
import {
  deriveRoomKeys,
  newRoomSecret,
  openEvent,
  sealEvent,
} from '../../../shared/crypto/codec.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import type { Seat } from '../../../shared/ids.ts';
import type {
  OutgoingEnvelope,
  ReplyOf,
  RequestOf,
  StoredEnvelope,
} from '../../../shared/protocol.ts';
import { foldLog } from '../../../shared/reducer.ts';
import type { LogEntry, RoomState } from '../../../shared/reducer.ts';
import { newEventId, newMemberId, newMemberSecret } from '../../support/ids.ts';
import { joinRequest } from '../../../client/src/room/join-request.ts';
import { Client, connectSocket, expectOk, nonceOf } from './client.ts';

export interface JoinOptions {
  readonly create?: boolean;
  /** The last sequence number held; defaults to the highest this device holds. */
  readonly afterSeq?: number;
}

export interface Sent {
  readonly eventId: string;
  readonly envelope: OutgoingEnvelope;
  readonly reply: ReplyOf<'envelope:send'>;
}

/**
 * One partner's device, as the real client behaves: it holds the room keys and its seat
 * credential, seals content events before sending them and opens what it receives. Everything it
 * has received (join replays, syncs, pushes) is kept by sequence number: its local replica.
 */
export class Partner {
  readonly memberId = newMemberId();
  readonly memberSecret = newMemberSecret();
  /** The envelopes this device holds, by sequence number. */
  readonly held = new Map<number, StoredEnvelope>();
  readonly problems: string[] = [];
  /** The seat this device last held (it keeps it across reconnects, as the real client does). */
  seat: Seat | null = null;
  #client: Client | null = null;

  private constructor(
    readonly url: string,
    readonly roomSecret: string,
    readonly keys: RoomKeys,
    private readonly track: (client: Client) => void,
  ) {}

  /** A device with a fresh room secret: the one that starts the room. */
  static async starting(url: string, track: (client: Client) => void): Promise<Partner> {
    const secret = newRoomSecret();
    return new Partner(url, secret, await deriveRoomKeys(secret), track);
  }

  /** Another device that got the invite link: same room secret, its own member credential. */
  static async invitedBy(other: Partner): Promise<Partner> {
    return new Partner(
      other.url,
      other.roomSecret,
      await deriveRoomKeys(other.roomSecret),
      other.track,
    );
  }

  /** Another device that got the invite link and reaches the server at `url` (another process). */
  static async invitedOn(other: Partner, url: string): Promise<Partner> {
    return new Partner(url, other.roomSecret, await deriveRoomKeys(other.roomSecret), other.track);
  }

  get roomId(): string {
    return this.keys.roomId;
  }

  get client(): Client {
    if (this.#client === null) throw new Error('this partner has not connected');
    return this.#client;
  }

  get socket(): Client['socket'] {
    return this.client.socket;
  }

  /** The highest sequence number this device holds, 0 if none. */
  get lastSeq(): number {
    return Math.max(0, ...this.held.keys());
  }

  /** Opens a new connection (a reload or a reconnect keeps the credential and the held log). */
  async connect(): Promise<Client> {
    const client = new Client(await connectSocket(this.url), (envelope) => {
      this.#hold(envelope);
    });
    this.track(client);
    this.#client = client;
    return client;
  }

  /** The join the real phone would send on this connection: proof and all (join-request.ts). */
  async joinRequest(options: JoinOptions = {}): Promise<RequestOf<'room:join'>> {
    return joinRequest(
      {
        roomSecret: this.roomSecret,
        roomId: this.roomId,
        memberId: this.memberId,
        memberSecret: this.memberSecret,
        create: options.create ?? false,
        incarnation: null,
        afterSeq: options.afterSeq ?? this.lastSeq,
      },
      await nonceOf(this.socket),
    );
  }

  async join(options: JoinOptions = {}): Promise<ReplyOf<'room:join'>> {
    const reply = await this.client.request('room:join', await this.joinRequest(options));
    if (reply.ok) {
      this.seat = reply.seat;
      for (const envelope of reply.envelopes) this.#hold(envelope);
    }
    return reply;
  }

  /** Connects and joins, expecting success. */
  async enter(options: JoinOptions = {}): Promise<Extract<ReplyOf<'room:join'>, { ok: true }>> {
    await this.connect();
    return expectOk(await this.join(options));
  }

  async sync(afterSeq: number): Promise<ReplyOf<'room:sync'>> {
    const reply = await this.client.request('room:sync', { afterSeq });
    if (reply.ok) for (const envelope of reply.envelopes) this.#hold(envelope);
    return reply;
  }

  /** Seals a content event as this seat would send it. */
  async seal(event: ContentEvent, eventId = newEventId()): Promise<OutgoingEnvelope> {
    const seat = this.#requireSeat();
    const ciphertext = await sealEvent(this.keys, { roomId: this.roomId, eventId, seat }, event);
    return { eventId, ciphertext, notify: isUrgent(event) };
  }

  async send(event: ContentEvent, eventId = newEventId()): Promise<Sent> {
    const envelope = await this.seal(event, eventId);
    const reply = await this.client.request('envelope:send', envelope);
    return { eventId, envelope, reply };
  }

  /** Sends and expects the server to append it; returns the event id and its sequence number. */
  async sendOk(event: ContentEvent): Promise<{ eventId: string; seq: number }> {
    const sent = await this.send(event);
    const reply = expectOk(sent.reply);
    if (reply.duplicate) throw new Error('a fresh event id was reported as a duplicate');
    return { eventId: sent.eventId, seq: reply.seq };
  }

  async open(envelope: StoredEnvelope): Promise<ContentEvent> {
    const opened = await openEvent(
      this.keys,
      { roomId: this.roomId, eventId: envelope.eventId, seat: envelope.seat },
      envelope.ciphertext,
    );
    if (!opened.ok) throw new Error(`envelope ${envelope.seq} does not open: ${opened.reason}`);
    return opened.event;
  }

  /** The held log, opened, in sequence order: what this phone folds through the reducer. */
  async entries(): Promise<LogEntry[]> {
    const envelopes = [...this.held.values()].sort((a, b) => a.seq - b.seq);
    return Promise.all(
      envelopes.map(async (envelope) => ({
        seq: envelope.seq,
        eventId: envelope.eventId,
        seat: envelope.seat,
        storedAt: envelope.storedAt,
        event: await this.open(envelope),
      })),
    );
  }

  async state(): Promise<RoomState> {
    return foldLog(await this.entries());
  }

  /** Resolves with the envelope once this device holds `eventId` (already or by a later push). */
  async received(eventId: string): Promise<StoredEnvelope> {
    const find = () => [...this.held.values()].find((envelope) => envelope.eventId === eventId);
    await this.client.until(() => find() !== undefined, `event ${eventId}`);
    const envelope = find();
    if (envelope === undefined) throw new Error('unreachable: the envelope vanished');
    return envelope;
  }

  /** Resolves once this device holds every sequence number up to `seq`. */
  async holdsUpTo(seq: number): Promise<void> {
    await this.client.until(() => {
      for (let n = 1; n <= seq; n += 1) if (!this.held.has(n)) return false;
      return true;
    }, `seq ${seq}`);
  }

  /** Drops the local replica, as a phone does once its room is gone. */
  forgetLog(): void {
    this.held.clear();
  }

  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }

  #hold(envelope: StoredEnvelope): void {
    const known = this.held.get(envelope.seq);
    if (known !== undefined && JSON.stringify(known) !== JSON.stringify(envelope)) {
      this.problems.push(`seq ${envelope.seq} arrived with two different envelopes`);
    }
    this.held.set(envelope.seq, envelope);
  }

  #requireSeat(): Seat {
    if (this.seat === null) throw new Error('this partner holds no seat yet');
    return this.seat;
  }
}
