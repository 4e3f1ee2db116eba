import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { SqliteRoomStore } from '../../server/store/sqlite/sqlite-store.ts';
import { tempDir } from '../support/temp-sqlite.ts';
import type { TempDir } from '../support/temp-sqlite.ts';
import { waitFor } from './support/client.ts';
import { useHarness } from './support/harness.ts';
import { TestClock } from './support/server.ts';
import { runWholeSession } from './support/whole-session.ts';

/**
 * Nothing readable at rest: a whole session on the SQLite store, with the server's logs (at debug
 * level) written into the same directory; then every byte of every file there is searched for
 * what the phones said and the secrets they used. A deleted room leaves no ciphertext behind.
 */

const HOUR = 60 * 60 * 1000;
let temp: TempDir | null = null;

afterEach(() => {
  temp?.remove();
  temp = null;
});

/** Every file the server wrote, by name: the database, its WAL and shared memory, the log. */
function filesIn(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))] as const),
  );
}

function expectNowhere(files: Map<string, Buffer>, what: string, needle: Buffer | string): void {
  for (const [name, bytes] of files) {
    expect(bytes.includes(needle), `${name} holds ${what}`).toBe(false);
  }
}

describe('at rest, on the SQLite store', () => {
  const harness = useHarness();

  it('no file the server wrote holds a plaintext, a secret, or a deleted room’s ciphertext', async () => {
    temp = tempDir('tandem-at-rest-');
    const { dir } = temp;
    const store = SqliteRoomStore.openIn(dir);
    const clock = new TestClock();
    const logFile = path.join(dir, 'tandem.log');
    const logger = createLogger('debug', (line) => {
      appendFileSync(logFile, line + '\n');
    });
    const app = createApp(
      { store, logger, now: clock.now },
      { staticDir: null, lifetime: { idleMs: 72 * HOUR, maxAgeMs: 30 * 24 * HOUR } },
    );
    const { port } = await app.listen(0, '127.0.0.1');
    const server = { url: `http://127.0.0.1:${String(port)}` };
    expect(store.pragmaForTests('secure_delete')).toBe(1);

    // A room that lives on: a whole session.
    const { a, b } = await harness.pairOn(server);
    const trace = await runWholeSession(a, b, clock.now() + 50 * HOUR);

    // A room that is deleted: its ciphertexts are on disk, then must be nowhere.
    const { a: c, b: d } = await harness.pairOn(server);
    await c.sendOk({ type: 'signal', kind: 'pause' });
    await d.sendOk({
      type: 'checklist_item_added',
      itemId: 'gone-item',
      label: 'Obsidian gone 4410',
      audience: 'both',
    });
    const last = await c.sendOk({ type: 'session_ended' });
    await d.holdsUpTo(last.seq);
    const deleted = [...d.held.values()].map((envelope) => envelope.ciphertext);
    const before = Buffer.concat([...filesIn(dir).values()]);
    for (const ciphertext of [...deleted, ...trace.ciphertexts]) {
      expect(before.includes(ciphertext), 'the search sees stored ciphertext').toBe(true);
    }
    const told = waitFor(d.socket, 'room:deleted');
    expect(await c.client.request('room:delete', {})).toEqual({ ok: true });
    await told;

    const check = (files: Map<string, Buffer>) => {
      expect([...files.keys()]).toContain('tandem.sqlite');
      expect([...files.keys()]).toContain('tandem.log');
      for (const plaintext of trace.plaintexts) expectNowhere(files, 'a plaintext', plaintext);
      expectNowhere(files, 'a plaintext', 'Obsidian');
      for (const { name, forms } of trace.secrets) {
        for (const form of forms) expectNowhere(files, name, form);
      }
      deleted.forEach((ciphertext, i) => {
        expectNowhere(files, `deleted ciphertext ${String(i)}`, ciphertext);
        // A prefix too: no page may keep part of a deleted envelope.
        expectNowhere(files, `part of deleted ciphertext ${String(i)}`, ciphertext.slice(0, 24));
      });
    };
    // While the server runs (database, -wal, -shm and log), and once it has closed.
    const running = filesIn(dir);
    expect([...running.keys()]).toContain('tandem.sqlite-wal');
    check(running);
    await app.close();
    check(filesIn(dir));
  });
});
