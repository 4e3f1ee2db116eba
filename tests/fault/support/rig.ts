import { afterEach } from 'vitest';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';
import type { RoomKeys } from '../../../shared/crypto/codec.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { Browser, DurableStore, bothOnline, isOpen, until } from './adapter.ts';
import { FaultServer } from './fault-server.ts';
import { FaultPhone } from './phones.ts';

/** A room on a real server, with both partners' phones in it, each behind its own proxy. */
export interface FaultRoom {
  readonly durable: DurableStore;
  readonly server: FaultServer;
  readonly secret: string;
  readonly keys: RoomKeys;
  readonly a: FaultPhone;
  readonly b: FaultPhone;
  /** Crashes the server and starts it again on the same store; both proxies follow it. */
  restartServer(): Promise<void>;
}

/**
 * Owns every store, server, proxy and phone a fault test makes and closes them after each test.
 * Call once at the top level of a test file.
 */
export function useFaultRig() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const proxyTo = async (server: FaultServer): Promise<TcpProxy> => {
    const proxy = await TcpProxy.start({ targetPort: server.port });
    cleanups.push(() => proxy.close());
    return proxy;
  };

  return {
    /** Runs `cleanup` after the test, before what was made earlier is closed. */
    track(cleanup: () => Promise<void> | void): void {
      cleanups.push(cleanup);
    },

    /** A creates the room, B opens the invite; resolves once each sees both online. */
    async room(): Promise<FaultRoom> {
      const durable = new DurableStore();
      cleanups.push(() => durable.dispose());
      const server = await FaultServer.start(durable);
      cleanups.push(() => server.stop());
      const [proxyA, proxyB] = await Promise.all([proxyTo(server), proxyTo(server)]);
      const secret = newRoomSecret();
      const keys = await deriveRoomKeys(secret);

      const browserA = new Browser();
      browserA.registerAsCreator(keys.roomId);
      const a = await FaultPhone.open('A', secret, browserA, proxyA);
      cleanups.push(() => {
        a.stop();
      });
      await until(a.client, isOpen, 'A open');
      const b = await FaultPhone.open('B', secret, new Browser(), proxyB);
      cleanups.push(() => {
        b.stop();
      });
      await Promise.all([
        until(a.client, bothOnline, 'A sees both online'),
        until(b.client, bothOnline, 'B sees both online'),
      ]);

      return {
        durable,
        server,
        secret,
        keys,
        a,
        b,
        restartServer: async () => {
          const port = await server.restart();
          proxyA.retarget(port);
          proxyB.retarget(port);
        },
      };
    },
  };
}
