import { afterEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.ts';
import type { ClientSocket } from '../support/client.ts';
import type { Outcome } from './support.ts';
import { STRICT_EDGE, attempt, rawUpgrade, withLimits } from './support.ts';

const harness = useHarness();
const open: ClientSocket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});

const keep = (outcome: Outcome): Outcome => {
  if (outcome.status === 'connected') open.push(outcome.socket);
  return outcome;
};
const statusOf = async (outcome: Promise<Outcome>) => keep(await outcome).status;

describe('origins are checked at the handshake (cross-site WebSocket hijacking)', () => {
  it('refuses a foreign origin, accepts its own, and the ones ALLOWED_ORIGINS adds', async () => {
    const server = await harness.server({
      edge: { ...STRICT_EDGE, allowedOrigins: ['https://tandem.example'] },
    });
    const own = `http://127.0.0.1:${String(server.port)}`;
    expect(await statusOf(attempt(server.url, { headers: { origin: own } }))).toBe('connected');
    expect(
      await statusOf(attempt(server.url, { headers: { origin: 'https://tandem.example' } })),
    ).toBe('connected');
    for (const foreign of [
      'https://evil.example',
      `https://127.0.0.1:${String(server.port)}`, // another scheme is another origin
      `http://127.0.0.1:${String(server.port + 1)}`,
      'http://127.0.0.1',
      'https://tandem.example.evil.example',
      'null',
    ]) {
      expect(await statusOf(attempt(server.url, { headers: { origin: foreign } })), foreign).toBe(
        'refused',
      );
    }
  });

  it('accepts a client that sends no Origin (not a browser; still limited)', async () => {
    const server = await harness.server({ edge: STRICT_EDGE });
    expect(await statusOf(attempt(server.url))).toBe('connected');
  });

  it('answers a refused upgrade with a status and a code the phone can name', async () => {
    const server = await harness.server({ edge: STRICT_EDGE });
    const refused = await rawUpgrade(server.url, { origin: 'https://evil.example' });
    expect(refused).toEqual({ status: 400, body: 'origin_not_allowed' });
    const check = await fetch(
      `${server.url}/connect-check?origin=${encodeURIComponent('https://evil.example')}`,
    );
    expect(check.status).toBe(200);
    expect(check.headers.get('cache-control')).toBe('no-store');
    expect(await check.json()).toEqual({ refused: 'origin_not_allowed' });
    const own = await fetch(`${server.url}/connect-check?origin=${encodeURIComponent(server.url)}`);
    expect(await own.json()).toEqual({ refused: null });
  });

  it('answers a refused polling handshake 403 with the code in JSON', async () => {
    const server = await harness.server({
      edge: { ...STRICT_EDGE, transports: ['websocket', 'polling'] },
    });
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 4, message: 'origin_not_allowed' });
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const proxied = await harness.server({ edge: { ...STRICT_EDGE, trustProxy: 1 } });
    const host = `127.0.0.1:${String(proxied.port)}`;
    const tls = { origin: `https://${host}`, 'x-forwarded-proto': 'https' };
    expect(await statusOf(attempt(proxied.url, { headers: tls }))).toBe('connected');
    const direct = await harness.server({ edge: STRICT_EDGE });
    const directTls = {
      origin: `https://127.0.0.1:${String(direct.port)}`,
      'x-forwarded-proto': 'https',
    };
    expect(await statusOf(attempt(direct.url, { headers: directTls }))).toBe('refused');
  });
});

describe('transports', () => {
  it('refuses long-polling by default, accepts it when configured', async () => {
    const strict = await harness.server({ edge: STRICT_EDGE });
    const polling = await fetch(`${strict.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(400);
    expect(await polling.json()).toEqual({ code: 0, message: 'Transport unknown' });
    expect(await statusOf(attempt(strict.url, { transports: ['websocket'] }))).toBe('connected');
    const both = await harness.server({
      edge: { ...STRICT_EDGE, transports: ['websocket', 'polling'] },
    });
    expect(await statusOf(attempt(both.url, { transports: ['polling'] }))).toBe('connected');
  });
});

describe('connections per address', () => {
  it('refuses the one over the cap with too_many_connections, and frees a place on close', async () => {
    const server = await harness.server({ edge: withLimits({ connectionsPerAddress: 3 }) });
    const sockets: ClientSocket[] = [];
    for (let i = 0; i < 3; i += 1) {
      const outcome = keep(await attempt(server.url));
      if (outcome.status !== 'connected') throw new Error('expected a connection');
      sockets.push(outcome.socket);
    }
    expect(await statusOf(attempt(server.url))).toBe('refused');
    expect(await rawUpgrade(server.url, {})).toEqual({ status: 400, body: 'too_many_connections' });
    const check = await fetch(
      `${server.url}/connect-check?origin=${encodeURIComponent(server.url)}`,
    );
    expect(await check.json()).toEqual({ refused: 'too_many_connections' });

    // Closing one frees its place once the server has seen the close: the next attempt after
    // that connects (each attempt is a real handshake, not a timer).
    sockets[0]?.close();
    let outcome: Outcome = { status: 'refused', error: new Error('not tried') };
    for (let tries = 0; tries < 50 && outcome.status !== 'connected'; tries += 1) {
      outcome = keep(await attempt(server.url));
    }
    expect(outcome.status).toBe('connected');
  });

  it('counts the address TRUST_PROXY names: X-Forwarded-For from the right', async () => {
    const proxied = await harness.server({
      edge: withLimits({ connectionsPerAddress: 1 }, { trustProxy: 1 }),
    });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `6.6.6.6, ${address}` } });
    expect(await statusOf(attempt(proxied.url, from('10.0.0.1')))).toBe('connected');
    expect(await statusOf(attempt(proxied.url, from('10.0.0.2')))).toBe('connected');
    expect(await statusOf(attempt(proxied.url, from('10.0.0.1')))).toBe('refused');

    // Without a trusted proxy the header is the client's own word: the socket's peer counts.
    const direct = await harness.server({ edge: withLimits({ connectionsPerAddress: 1 }) });
    expect(await statusOf(attempt(direct.url, from('10.0.0.1')))).toBe('connected');
    expect(await statusOf(attempt(direct.url, from('10.0.0.2')))).toBe('refused');
  });

  it('RATE_LIMITS=off lifts the cap', async () => {
    const server = await harness.server({ edge: { ...STRICT_EDGE, limits: null } });
    for (let i = 0; i < 5; i += 1) {
      expect(await statusOf(attempt(server.url))).toBe('connected');
    }
  });
});
