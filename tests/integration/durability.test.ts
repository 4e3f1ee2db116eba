import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/store/sqlite/migrations.ts';
import { DATABASE_FILE } from '../../server/store/sqlite/open.ts';
import { SqliteRoomStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { StoredEnvelope } from '../../shared/protocol.ts';
import { useServerProcesses } from '../support/server-process.ts';
import { tempDir } from '../support/temp-sqlite.ts';
import type { TempDir } from '../support/temp-sqlite.ts';
import { wholeLog } from '../support/whole-log.ts';
import { useHarness } from './support/harness.ts';
import type { Partner } from './support/partner.ts';

const harness = useHarness();
const processes = useServerProcesses();
const PAUSE = { type: 'signal', kind: 'pause' } as const;
const SLOW_DOWN = { type: 'signal', kind: 'slow_down' } as const;

let data: TempDir | null = null;

afterEach(() => {
  data?.remove();
  data = null;
});

const freshDataDir = (): string => (data = tempDir()).dir;

/** Everything the file holds for `partner`'s room, read straight from it after the server exited. */
async function storedLog(dataDir: string, partner: Partner): Promise<StoredEnvelope[]> {
  const store = SqliteRoomStore.openIn(dataDir);
  try {
    return await wholeLog(store, partner.roomId);
  } finally {
    await store.close();
  }
}

describe('the server process on its SQLite file', () => {
  it('R3: an acknowledged envelope survives SIGKILL and restart, with the same seats and room', async () => {
    const dataDir = freshDataDir();
    const first = await processes.start({ STORE: 'sqlite', DATA_DIR: dataDir });
    const { a, b } = await harness.pairOn(first);
    const incarnation = (await a.enter({ afterSeq: 0 })).incarnation;
    const pause = await a.sendOk(PAUSE);
    const acknowledged = [
      pause,
      await b.sendOk({ type: 'signal_seen', signalIds: [pause.eventId] }),
      await a.sendOk(SLOW_DOWN),
      await b.sendOk({ type: 'session_started' }),
    ];
    await b.holdsUpTo(acknowledged.length);
    const held = await b.entries();

    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Same file, same address: the phones come back as after any dropped connection.
    const second = await processes.start({
      STORE: 'sqlite',
      DATA_DIR: dataDir,
      PORT: String(first.port),
    });
    for (const [partner, seat] of [
      [a, 0],
      [b, 1],
    ] as const) {
      const back = await partner.enter({ afterSeq: 0 });
      expect(back.seat).toBe(seat);
      expect(back.incarnation).toBe(incarnation);
      expect(back.envelopes.map((envelope) => [envelope.seq, envelope.eventId])).toEqual(
        acknowledged.map(({ seq, eventId }) => [seq, eventId]),
      );
    }
    expect(await b.entries()).toEqual(held);
    // The log carries on from where it was.
    expect((await a.sendOk(PAUSE)).seq).toBe(acknowledged.length + 1);
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'R3: a send in flight when %s arrives is acknowledged and on disk, and the server exits 0',
    async (signal) => {
      const dataDir = freshDataDir();
      const server = await processes.start({
        STORE: 'sqlite',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
      });
      const { a, b } = await harness.pairOn(server);
      await b.received((await a.sendOk(PAUSE)).eventId);

      // Another connection to the file holds its write lock, so the server's next append waits
      // for it (up to its busy timeout): the send is certainly in flight when the signal comes.
      const locker = new Database(path.join(dataDir, DATABASE_FILE));
      locker.exec('BEGIN IMMEDIATE');
      const arrived = server.nextRecord(
        (record) => record.msg === 'request received' && record.request === 'envelope:send',
      );
      const sending = b.send(SLOW_DOWN);
      await arrived;
      server.kill(signal);
      locker.exec('COMMIT');
      locker.close();

      const { reply } = await sending;
      expect(reply).toEqual({ ok: true, seq: 2, duplicate: false });
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const shutDown = server.stdoutLines.map((line) => JSON.parse(line) as { msg: string });
      expect(shutDown.map((record) => record.msg)).toContain('shut down');
      expect((await storedLog(dataDir, a)).map((envelope) => envelope.seq)).toEqual([1, 2]);
    },
  );

  describe('a start that cannot use its data', () => {
    it.each<[what: string, prepare: (dir: string) => string, problem: RegExp]>([
      [
        'a DATA_DIR under a regular file',
        (dir) => {
          writeFileSync(path.join(dir, 'file'), 'not a directory');
          return path.join(dir, 'file', 'data');
        },
        /the directory cannot be created \(ENOTDIR: not a directory\)$/,
      ],
      [
        'a database file of garbage bytes',
        (dir) => {
          writeFileSync(path.join(dir, DATABASE_FILE), Buffer.alloc(8192, 'garbage '));
          return dir;
        },
        /tandem\.sqlite: file is not a database \(SQLITE_NOTADB\)$/,
      ],
      [
        'a database from a newer schema',
        (dir) => {
          const newer = new Database(path.join(dir, DATABASE_FILE));
          newer.pragma(`user_version = ${String(MIGRATIONS.length + 1)}`);
          newer.close();
          return dir;
        },
        /tandem\.sqlite: schema version \d+ is newer than this server knows \(\d+\)/,
      ],
    ])(
      'stops at once on %s, with one line naming the path and the problem',
      async (_what, prepare, problem) => {
        const dataDir = prepare(freshDataDir());
        const server = processes.spawn({ STORE: 'sqlite', DATA_DIR: dataDir });
        expect(await server.exited).toEqual({ code: 1, signal: null });
        const lines = server.stderrText().trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`Tandem cannot start: cannot open the store at ${dataDir}`);
        expect(lines[0]).toMatch(problem);
        expect(server.stdoutLines).toEqual([]);
      },
    );
  });
});
