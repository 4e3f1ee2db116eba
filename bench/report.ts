import { loadavg } from 'node:os';
import type { Report } from './messages.ts';
import type { BenchOptions } from './options.ts';
import type { Watched } from './processes.ts';
import type { LatencySummary } from './stats.ts';
import { ratio, round2, summarize } from './stats.ts';

/** One target (the server or the baseline) under the bench's load, measured from outside. */
export interface Measured {
  readonly roomsOpen: number;
  readonly openS: number;
  readonly sent: number;
  readonly delivery: LatencySummary;
  readonly ack: LatencySummary;
  readonly errors: number;
  readonly lost: number;
  readonly firstError: string;
  /** Server CPU seconds while the rooms were opened (joins), and while the signals were sent. */
  readonly cpuOpenS: number;
  readonly cpuSendS: number;
  readonly rssIdleKB: number;
  readonly rssOpenKB: number;
  readonly rssAfterKB: number;
  /** (RSS after the signals − RSS before any room) / rooms. */
  readonly rssPerRoomKB: number;
  readonly envelopeBytes: number;
}

export interface StormResult {
  /** From the SIGKILL until every phone has rejoined and holds everything its room stored. */
  readonly seconds: number;
  /** From the SIGKILL until the new server accepted connections. */
  readonly listeningS: number;
  /** CPU seconds the restarted server spent until every phone caught up. */
  readonly cpuS: number;
  readonly restarted: Watched;
  readonly errors: number;
  readonly firstError: string;
  readonly rejoins: number;
  readonly replayed: number;
}

interface Samples {
  readonly opened: readonly Report[];
  readonly sent: readonly Report[];
  readonly openS: number;
  readonly rssIdleKB: number;
  readonly rssOpenKB: number;
  readonly rssAfterKB: number;
  readonly cpuOpenS: number;
  readonly cpuSendS: number;
  readonly rooms: number;
}

export function measuredFrom(samples: Samples): Measured {
  let roomsOpen = 0;
  let errors = 0;
  let lost = 0;
  let sent = 0;
  let firstError = '';
  let envelopeBytes = 0;
  const deliveryMs: number[] = [];
  const ackMs: number[] = [];
  for (const report of [...samples.opened, ...samples.sent]) {
    switch (report.type) {
      case 'opened':
        roomsOpen += report.rooms;
        errors += report.errors;
        firstError ||= report.firstError;
        break;
      case 'sent':
        sent += report.sent;
        errors += report.errors;
        lost += report.lost;
        firstError ||= report.firstError;
        envelopeBytes = Math.max(envelopeBytes, report.envelopeBytes);
        deliveryMs.push(...report.deliveryMs);
        ackMs.push(...report.ackMs);
        break;
      case 'storm-ready':
      case 'caught-up':
      case 'failed':
        break;
    }
  }
  return {
    roomsOpen,
    openS: round2(samples.openS),
    sent,
    delivery: summarize(deliveryMs),
    ack: summarize(ackMs),
    errors,
    lost,
    firstError,
    cpuOpenS: round2(samples.cpuOpenS),
    cpuSendS: round2(samples.cpuSendS),
    rssIdleKB: samples.rssIdleKB,
    rssOpenKB: samples.rssOpenKB,
    rssAfterKB: samples.rssAfterKB,
    rssPerRoomKB: round2((samples.rssAfterKB - samples.rssIdleKB) / Math.max(1, samples.rooms)),
    envelopeBytes,
  };
}

const cell = (value: number | string | null): string =>
  (value === null ? '–' : String(value)).padStart(12);

/** The human part of the output: the two targets side by side, with ours / baseline. */
export function describeRun(
  options: BenchOptions,
  ours: Measured,
  baseline: Measured | null,
  storm: StormResult | null,
): string[] {
  const rows: [string, (m: Measured) => number][] = [
    ['rooms open', (m) => m.roomsOpen],
    ['open (s)', (m) => m.openS],
    ['signals sent', (m) => m.sent],
    ['delivery p50 ms', (m) => m.delivery.p50Ms],
    ['delivery p99 ms', (m) => m.delivery.p99Ms],
    ['delivery max ms', (m) => m.delivery.maxMs],
    ['ack p50 ms', (m) => m.ack.p50Ms],
    ['ack p99 ms', (m) => m.ack.p99Ms],
    ['ack max ms', (m) => m.ack.maxMs],
    ['errors', (m) => m.errors],
    ['lost', (m) => m.lost],
    ['CPU s, joins', (m) => m.cpuOpenS],
    ['CPU s, signals', (m) => m.cpuSendS],
    ['RSS idle KB', (m) => m.rssIdleKB],
    ['RSS open KB', (m) => m.rssOpenKB],
    ['RSS after KB', (m) => m.rssAfterKB],
    ['RSS/room KB', (m) => m.rssPerRoomKB],
  ];
  const lines = [
    '',
    `${'figure'.padEnd(18)}${cell('tandem')}${cell('bare relay')}${cell('ratio')}`,
    ...rows.map(([label, pick]) => {
      const base = baseline === null ? null : pick(baseline);
      return `${label.padEnd(18)}${cell(pick(ours))}${cell(base)}${cell(base === null ? null : ratio(pick(ours), base))}`;
    }),
    `envelope: ${String(ours.envelopeBytes)} bytes of JSON (a sealed signal), ` +
      `${String(options.signalsPerSec)} signals/s for ${String(options.seconds)} s`,
  ];
  if (ours.firstError !== '') lines.push(`first error (tandem): ${ours.firstError}`);
  if (baseline !== null && baseline.firstError !== '') {
    lines.push(`first error (baseline): ${baseline.firstError}`);
  }
  if (storm !== null) {
    lines.push(
      `reconnect storm: ${String(options.rooms * 2)} phones caught up ${storm.seconds.toFixed(2)} s ` +
        `after the SIGKILL (server accepting again after ${storm.listeningS.toFixed(2)} s, ` +
        `${storm.cpuS.toFixed(2)} CPU s in the new server); ` +
        `${String(storm.rejoins)} rejoins, ${String(storm.replayed)} envelopes replayed, ` +
        `${String(storm.errors)} errors before the kill`,
    );
    if (storm.firstError !== '') lines.push(`first error (storm): ${storm.firstError}`);
  }
  lines.push(
    `load average now: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  return lines;
}

/** The last line of the output, as issue 18 specifies it (a few extra figures after its fields). */
export function finalLine(
  options: BenchOptions,
  ours: Measured,
  baseline: Measured | null,
  storm: StormResult | null,
) {
  return {
    rooms: options.rooms,
    signalsPerSec: options.signalsPerSec,
    p50Ms: ours.delivery.p50Ms,
    p99Ms: ours.delivery.p99Ms,
    baselineP50Ms: baseline?.delivery.p50Ms ?? null,
    baselineP99Ms: baseline?.delivery.p99Ms ?? null,
    p99Ratio: baseline === null ? null : ratio(ours.delivery.p99Ms, baseline.delivery.p99Ms),
    cpuRatio: baseline === null ? null : ratio(ours.cpuSendS, baseline.cpuSendS),
    rssPerRoomKB: ours.rssPerRoomKB,
    baselineRssPerRoomKB: baseline?.rssPerRoomKB ?? null,
    rssRatio: baseline === null ? null : ratio(ours.rssPerRoomKB, baseline.rssPerRoomKB),
    errors: ours.errors + (storm?.errors ?? 0),
    lost: ours.lost,
    reconnectStormS: storm === null ? null : round2(storm.seconds),
    stormCpuS: storm === null ? null : round2(storm.cpuS),
    seconds: options.seconds,
    ackP99Ms: ours.ack.p99Ms,
    cpuS: ours.cpuSendS,
    baselineCpuS: baseline?.cpuSendS ?? null,
    loadAverage: round2(loadavg()[0] ?? 0),
  };
}
