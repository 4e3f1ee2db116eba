import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { MAX_HELD_BYTES_PER_LANE } from '../support/tcp-proxy/lane.ts';
import type { CutMode } from '../support/tcp-proxy.ts';
import type { Peer } from './support/net-peers.ts';
import { Upstream, dial, knock } from './support/net-peers.ts';

/** The proxy under plain TCP: every fault it offers, seen from both ends of a connection. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function upstream(): Promise<Upstream> {
  const server = await Upstream.start();
  cleanups.push(() => server.close());
  return server;
}

async function proxyTo(server: Upstream, latencyMs = 0): Promise<TcpProxy> {
  const proxy = await TcpProxy.start({ targetPort: server.port, latencyMs });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function through(proxy: TcpProxy): Promise<Peer> {
  const peer = await dial(proxy.port);
  cleanups.push(async () => {
    peer.socket.destroy();
    await peer.until((p) => p.closed);
  });
  return peer;
}

/** A phone-side peer and the server-side peer of the same connection through the proxy. */
async function connection(server: Upstream, proxy: TcpProxy, index = 0): Promise<[Peer, Peer]> {
  const near = await through(proxy);
  return [near, await server.connection(index)];
}

describe('TcpProxy', () => {
  it('forwards bytes both ways, in order', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [phone, far] = await connection(server, proxy);
    for (const part of ['one ', 'two ', 'three']) phone.write(part);
    far.write('reply');
    await far.until((p) => p.received === 'one two three');
    await phone.until((p) => p.received === 'reply');
  });

  it.each<[CutMode, boolean]>([
    ['reset', true],
    ['fin', false],
  ])(
    'cut(%s) closes both ends of every live connection (by an error: %s)',
    async (mode, byError) => {
      const server = await upstream();
      const proxy = await proxyTo(server);
      const [phoneA, farA] = await connection(server, proxy, 0);
      const [phoneB, farB] = await connection(server, proxy, 1);
      proxy.cut(mode);
      // A reset closes a socket; a FIN ends what it reads (these peers stay half-open).
      for (const peer of [phoneA, farA, phoneB, farB]) {
        await peer.until((p) => p.closed || p.ended);
      }
      expect(phoneA.closedByError && farA.closedByError).toBe(byError);
      expect(phoneA.ended && farA.ended).toBe(!byError);
      await proxy.until((p) => p.liveConnections === 0);
      expect(proxy.stats.cut).toBe(2);

      // The proxy still works for the next connection.
      const [phone, far] = await connection(server, proxy, 2);
      phone.write('again');
      await far.until((p) => p.received === 'again');
    },
  );

  it('stall() holds bytes both ways without closing; resume() delivers them in order', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [phone, far] = await connection(server, proxy);
    phone.write('before ');
    await far.until((p) => p.received === 'before ');

    proxy.stall();
    for (const part of ['a', 'b', 'c']) phone.write(part);
    far.write('xyz');
    await proxy.until((p) => p.heldBytes === 6);
    // Held by the proxy, so none of it can have reached either end.
    expect([far.received, phone.received]).toEqual(['before ', '']);
    expect([phone.closed, far.closed, proxy.liveConnections]).toEqual([false, false, 1]);

    proxy.resume();
    phone.write('d');
    await far.until((p) => p.received === 'before abcd');
    await phone.until((p) => p.received === 'xyz');
    expect(proxy.heldBytes).toBe(0);
  });

  it('a stall holds a bounded amount: the sender is pushed back, and it all arrives after resume()', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [phone, far] = await connection(server, proxy);
    let mostHeld = 0;
    void proxy.until((p) => {
      mostHeld = Math.max(mostHeld, p.heldBytes);
      return false;
    });
    proxy.stall();
    const block = 'x'.repeat(64 * 1024);
    const blocks = (3 * MAX_HELD_BYTES_PER_LANE) / block.length;
    for (let i = 0; i < blocks; i += 1) phone.write(block);
    await proxy.until((p) => p.heldBytes >= MAX_HELD_BYTES_PER_LANE);
    proxy.resume();
    await far.until((p) => p.received.length === blocks * block.length);
    // One chunk read past the limit at most: the rest waited in the sender's buffers.
    expect(mostHeld).toBeLessThanOrEqual(MAX_HELD_BYTES_PER_LANE + block.length);
  });

  it('a clean close during a stall is held too, and delivered after the bytes before it', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [phone, far] = await connection(server, proxy);
    proxy.stall();
    phone.write('last words');
    phone.socket.end();
    await proxy.until((p) => p.heldBytes === 'last words'.length);
    expect([far.received, far.ended]).toEqual(['', false]);
    proxy.resume();
    await far.until((p) => p.ended);
    expect(far.received).toBe('last words');
  });

  it('a connection opened during a stall reaches the server only after resume()', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    proxy.stall();
    const phone = await through(proxy);
    phone.write('hello');
    await proxy.until((p) => p.stats.accepted === 1 && p.heldBytes === 5);
    expect(server.peers).toHaveLength(0);
    proxy.resume();
    const far = await server.connection(0);
    await far.until((p) => p.received === 'hello');
  });

  it('a cut ends a stall and drops what it held', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [phone, far] = await connection(server, proxy, 0);
    proxy.stall();
    phone.write('never');
    await proxy.until((p) => p.heldBytes === 5);
    proxy.cut();
    await far.until((p) => p.closed);
    await phone.until((p) => p.closed);
    expect(far.received).toBe('');
    expect(proxy.stalled).toBe(false);
    const [next, nextFar] = await connection(server, proxy, 1);
    next.write('fresh');
    await nextFar.until((p) => p.received === 'fresh');
  });

  it('refuse() resets new connections and leaves live ones; accept() ends it', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    const [live, liveFar] = await connection(server, proxy, 0);
    proxy.refuse();
    expect(await knock(proxy.port)).toMatchObject({ closedByError: true });
    expect(proxy.stats.refused).toBe(1);
    live.write('still here');
    await liveFar.until((p) => p.received === 'still here');

    proxy.accept();
    const [phone, far] = await connection(server, proxy, 1);
    phone.write('welcome');
    await far.until((p) => p.received === 'welcome');
  });

  it('retarget() sends later connections to the new port; live ones stay', async () => {
    const first = await upstream();
    const second = await upstream();
    const proxy = await proxyTo(first);
    const [old, oldFar] = await connection(first, proxy, 0);
    proxy.retarget(second.port);
    const [moved, movedFar] = await connection(second, proxy, 0);
    old.write('old');
    moved.write('new');
    await oldFar.until((p) => p.received === 'old');
    await movedFar.until((p) => p.received === 'new');
    expect(first.peers).toHaveLength(1);
  });

  it('nothing listening at the target: the phone sees its connection reset', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server);
    await server.close();
    expect(await knock(proxy.port)).toEqual({ connected: true, closedByError: true });
  });

  it('added latency keeps the order, also when it changes mid-stream', async () => {
    const server = await upstream();
    const proxy = await proxyTo(server, 40);
    const [phone, far] = await connection(server, proxy);
    const parts = Array.from({ length: 20 }, (_, i) => `${String(i)},`);
    for (const [i, part] of parts.entries()) {
      // Later chunks would overtake earlier ones if each were delayed by its own timer.
      if (i === 10) proxy.latencyMs = 0;
      phone.write(part);
    }
    await far.until((p) => p.received.length === parts.join('').length);
    expect(far.received).toBe(parts.join(''));
  });

  it('close() ends every connection and stops listening', async () => {
    const server = await upstream();
    const proxy = await TcpProxy.start({ targetPort: server.port });
    const [phone, far] = await connection(server, proxy);
    await proxy.close();
    await phone.until((p) => p.closed);
    await far.until((p) => p.closed);
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      connect(proxy.port, '127.0.0.1').once('error', resolve);
    });
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('holds at most maxConnections at once', async () => {
    const server = await upstream();
    const proxy = await TcpProxy.start({ targetPort: server.port, maxConnections: 1 });
    cleanups.push(() => proxy.close());
    await connection(server, proxy, 0);
    await knock(proxy.port);
    expect([proxy.stats.accepted, server.peers.length]).toEqual([1, 1]);
  });
});
