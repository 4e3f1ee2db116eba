// One load process of `npm run bench` (run.ts starts several, apart from the server): it holds its
// share of the rooms, two phones each, and sends signals on command. Both phones of a room live in
// this process, so send → receive is timed on one clock (performance.now(), monotonic and
// sub-millisecond) and no clock needs to agree across processes.
import { performance } from 'node:perf_hooks';
import type { Seat } from '../shared/ids.ts';
import type { Report } from './messages.ts';
import { Command } from './messages.ts';
import type { BenchRoom } from './phone.ts';
import { ACK_TIMEOUT_MS, BenchPhone, newBenchRoom, sealSignal } from './phone.ts';

/** Rooms joined at once while opening: enough to keep the server busy, not a thundering herd. */
const OPEN_CONCURRENCY = 64;
/** How long after the last send the bench waits for deliveries still on their way. */
const DRAIN_MS = 10_000;
/** How often the sender catches up with its schedule. */
const TICK_MS = 2;

interface Pair {
  readonly room: BenchRoom;
  readonly phones: readonly [BenchPhone, BenchPhone];
}

/** A signal on its way: when it was emitted, and whether the partner has it yet. */
interface InFlight {
  readonly sentAt: number;
  acked: boolean;
}

const pairs: Pair[] = [];
const inFlight = new Map<string, InFlight>();
const deliveryMs: number[] = [];
let delivered = 0;
let onDelivered: (() => void) | null = null;

const tell = (report: Report): void => {
  process.send?.(report);
};

function onEnvelope(receiver: () => Seat | null) {
  return (envelope: {
    readonly seq: number;
    readonly eventId: string;
    readonly seat?: unknown;
  }) => {
    const flight = inFlight.get(envelope.eventId);
    // The sender's own copy (our server sends the room's envelopes to both phones) is not a delivery.
    if (flight === undefined || envelope.seat === receiver()) return;
    deliveryMs.push(performance.now() - flight.sentAt);
    delivered += 1;
    inFlight.delete(envelope.eventId);
    onDelivered?.();
  };
}

async function open(url: string, rooms: number): Promise<Report> {
  let errors = 0;
  let firstError = '';
  let next = 0;
  const openOne = async () => {
    const room = await newBenchRoom();
    let first: BenchPhone | null = null;
    let second: BenchPhone | null = null;
    first = new BenchPhone(
      url,
      room,
      true,
      onEnvelope(() => first?.seat ?? null),
    );
    second = new BenchPhone(
      url,
      room,
      false,
      onEnvelope(() => second?.seat ?? null),
    );
    try {
      await first.enter();
      await second.enter();
      pairs.push({ room, phones: [first, second] });
    } catch (error) {
      errors += 1;
      firstError ||= String(error);
      first.socket.disconnect();
      second.socket.disconnect();
    }
  };
  const worker = async () => {
    while (next < rooms) {
      next += 1;
      await openOne();
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, rooms) }, worker));
  return { type: 'opened', rooms: pairs.length, errors, firstError };
}

async function send(rate: number, seconds: number): Promise<Report> {
  let sent = 0;
  let acked = 0;
  let errors = 0;
  let firstError = '';
  let envelopeBytes = 0;
  const ackMs: number[] = [];
  const total = Math.round(rate * seconds);
  const fail = (why: string) => {
    errors += 1;
    firstError ||= why;
  };
  const sendOne = async (pair: Pair, seat: Seat) => {
    const phone = pair.phones[seat];
    const envelope = await sealSignal(pair.room, phone.seat ?? seat);
    envelopeBytes = JSON.stringify(envelope).length;
    const flight: InFlight = { sentAt: performance.now(), acked: false };
    inFlight.set(envelope.eventId, flight);
    phone.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        'envelope:send',
        envelope,
        (error: Error | null, reply: { ok: boolean; seq?: number }) => {
          if (error !== null) {
            fail(`send: ${error.message}`);
            return;
          }
          if (!reply.ok) {
            fail(`send refused: ${JSON.stringify(reply)}`);
            return;
          }
          ackMs.push(performance.now() - flight.sentAt);
          flight.acked = true;
          acked += 1;
          pair.room.lastAcked = Math.max(pair.room.lastAcked, reply.seq ?? 0);
        },
      );
  };
  if (pairs.length > 0 && total > 0) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
        for (; sent < due; sent += 1) {
          const pair = pairs[sent % pairs.length];
          // Taps come from either partner: the sender alternates in each room.
          if (pair !== undefined) void sendOne(pair, Math.floor(sent / pairs.length) % 2 ? 1 : 0);
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, TICK_MS);
    });
  }
  // Wait for what is still on its way, a bounded time.
  await new Promise<void>((resolve) => {
    const done = () => {
      if (delivered + errors >= sent && acked + errors >= sent) finish();
    };
    const timer = setTimeout(() => finish(), DRAIN_MS + ACK_TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      clearInterval(poll);
      onDelivered = null;
      resolve();
    };
    // Acks and deliveries both count; whichever comes last completes the wait.
    const poll = setInterval(done, 50);
    onDelivered = done;
    done();
  });
  const lost = [...inFlight.values()].filter((flight) => flight.acked).length;
  inFlight.clear();
  const report: Report = {
    type: 'sent',
    sent,
    acked,
    delivered,
    errors,
    lost,
    firstError,
    deliveryMs: deliveryMs.splice(0),
    ackMs,
    envelopeBytes,
  };
  delivered = 0;
  return report;
}

async function prepareStorm(signals: number): Promise<Report> {
  let errors = 0;
  let firstError = '';
  for (const { phones } of pairs) {
    phones[1].wantsToJoin = false;
    phones[1].socket.disconnect();
  }
  // A few rooms at a time, as in `open`: a load process that sealed thousands of signals in one
  // go would miss its heartbeats, and its phones would be dropped before the kill.
  let next = 0;
  const sendInRoom = async ({ room, phones: [sender] }: Pair) => {
    for (let n = 0; n < signals; n += 1) {
      const envelope = await sealSignal(room, sender.seat ?? 0);
      try {
        const reply = (await sender.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('envelope:send', envelope)) as { ok: boolean; seq?: number };
        if (!reply.ok) throw new Error(JSON.stringify(reply));
        room.lastAcked = Math.max(room.lastAcked, reply.seq ?? 0);
      } catch (error) {
        errors += 1;
        firstError ||= String(error);
      }
    }
  };
  const worker = async () => {
    for (let pair = pairs[next++]; pair !== undefined; pair = pairs[next++]) await sendInRoom(pair);
  };
  await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, worker));
  return { type: 'storm-ready', errors, firstError };
}

/** Every phone reconnects and rejoins; resolves once each holds everything its room stored. */
async function storm(): Promise<Report> {
  const phones = pairs.flatMap((pair) => pair.phones);
  const joinsBefore = phones.reduce((sum, phone) => sum + phone.joins, 0);
  const replayedBefore = phones.reduce((sum, phone) => sum + phone.replayed, 0);
  // A join after this moment counts: a phone may not have noticed yet that its server is gone.
  const joinsAtStorm = new Map(phones.map((phone) => [phone, phone.joins]));
  const caughtUp = (phone: BenchPhone) =>
    phone.joined &&
    phone.joins > (joinsAtStorm.get(phone) ?? 0) &&
    phone.heldUpTo >= phone.room.lastAcked;
  await Promise.all(
    pairs.flatMap(({ phones: [sender, sleeper] }) => {
      sleeper.wantsToJoin = true;
      sleeper.socket.connect();
      return [sender, sleeper].map(async (phone) => {
        // The sender's connection drops with the server; socket.io reconnects it by itself.
        while (!caughtUp(phone)) await phone.nextJoin().catch(() => undefined);
      });
    }),
  );
  return {
    type: 'caught-up',
    rejoins: phones.reduce((sum, phone) => sum + phone.joins, 0) - joinsBefore,
    replayed: phones.reduce((sum, phone) => sum + phone.replayed, 0) - replayedBefore,
  };
}

async function handle(command: Command): Promise<Report | null> {
  switch (command.type) {
    case 'open':
      return open(command.url, command.rooms);
    case 'send':
      return send(command.rate, command.seconds);
    case 'prepare-storm':
      return prepareStorm(command.signals);
    case 'storm':
      return storm();
    case 'close':
      for (const { phones } of pairs) for (const phone of phones) phone.socket.disconnect();
      process.disconnect();
      return null;
  }
}

process.on('message', (raw: unknown) => {
  const command = Command.safeParse(raw);
  if (!command.success) {
    tell({ type: 'failed', error: `unknown command ${JSON.stringify(raw)}` });
    return;
  }
  handle(command.data).then(
    (report) => {
      if (report !== null) tell(report);
    },
    (error: unknown) => {
      tell({ type: 'failed', error: String(error) });
    },
  );
});
// The bench going away (or failing) takes its load processes with it.
process.on('disconnect', () => process.exit(0));
