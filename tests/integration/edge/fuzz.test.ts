import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import { REQUESTS, REQUEST_NAMES, isRequestName } from '../../../shared/protocol.ts';
import type { ClientSocket } from '../support/client.ts';
import { useHarness } from '../support/harness.ts';
import { STRICT_EDGE } from './support.ts';

const harness = useHarness();

/** FUZZ_RUNS=20000 for a longer run; the default keeps `npm test` quick. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

/** Keys that have broken servers that merge objects carelessly. */
const pollution = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf');

const payload: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withBigInt: false, withMap: false, withSet: false }),
  // Long (past every field's limit), yet three of them stay under the 16 KB frame: a larger frame
  // closes the connection, by design (bad-input tests), and would end the run.
  fc.string({ unit: 'grapheme-ascii', minLength: 3_000, maxLength: 4_500 }),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  fc.dictionary(pollution, fc.jsonValue()),
  fc.record({ __proto__: fc.record({ ok: fc.boolean(), member: fc.jsonValue() }) }),
  fc.jsonValue().map((value) => JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`) as unknown),
);

const eventName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REQUEST_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: pollution },
);

const call = fc.record({
  event: eventName,
  args: fc.array(payload, { minLength: 0, maxLength: 3 }),
});

const isTypedError = (reply: unknown): boolean => {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, error } = reply as { ok?: unknown; error?: { code?: unknown } };
  return ok === false && (ERROR_CODES as readonly unknown[]).includes(error?.code);
};

const isValidRequest = (event: string, args: unknown[]): boolean =>
  isRequestName(event) && args.length === 1 && REQUESTS[event].request.safeParse(args[0]).success;

function emitWithAck(socket: ClientSocket, event: string, args: unknown[]): Promise<unknown> {
  const untyped = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  };
  return untyped.timeout(5_000).emitWithAck(event, ...args);
}

describe('fuzz: random payloads at every event (limits off, so they reach validation)', () => {
  it('never crashes, answers each with a typed error and changes nothing, before and after joining', async () => {
    const { server, a } = await harness.pair({ edge: { ...STRICT_EDGE, limits: null } });
    const stranger = await harness.client(server);
    const before = server.store.dumpForTests();
    const invalid: unknown[] = [];
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(call, fc.boolean(), async ({ event, args }, joined) => {
        const socket = joined ? a.socket : stranger.socket;
        // Events socket.io itself reserves cannot be emitted by a client library.
        if (
          [
            'connect',
            'connect_error',
            'disconnect',
            'disconnecting',
            'newListener',
            'removeListener',
          ].includes(event)
        )
          return;
        // A well-formed request (an empty `room:delete`, say) is not fuzz: it would do its job.
        if (isValidRequest(event, args)) return;
        const reply = await emitWithAck(socket, event, args);
        if (!isTypedError(reply)) invalid.push({ event, reply });
      }),
      { numRuns: RUNS },
    );
    console.info(
      `fuzz: ${String(RUNS)} runs in ${String(Math.round(performance.now() - started))} ms`,
    );
    expect(invalid).toEqual([]);
    expect(a.client.connected && stranger.connected).toBe(true);
    expect(server.store.dumpForTests()).toBe(before);
    // The server still serves: a real send goes through.
    await a.sendOk({ type: 'session_started' });
  }, 120_000);
});
