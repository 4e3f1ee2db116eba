import { afterEach, expect } from 'vitest';
import type { MemoryRoomStore } from '../../../server/store/memory-store.ts';
import type { RoomStore } from '../../../server/store/room-store.ts';
import { Client } from './client.ts';
import { Partner } from './partner.ts';
import { startServer } from './server.ts';
import type { ServerOptions, TestServer } from './server.ts';

/**
 * Owns every server, socket and partner a test makes, and closes them all after each test.
 * Call once at the top level of a test file.
 */
export function useHarness(): Harness {
  const harness = new Harness();
  afterEach(async () => {
    await harness.cleanup();
  });
  return harness;
}

export class Harness {
  #servers: TestServer<RoomStore>[] = [];
  #clients: Client[] = [];
  #partners: Partner[] = [];

  readonly track = (client: Client): void => {
    this.#clients.push(client);
  };

  async server<S extends RoomStore = MemoryRoomStore>(
    options: ServerOptions<S> = {},
  ): Promise<TestServer<S>> {
    const server = await startServer(options);
    this.#servers.push(server);
    return server;
  }

  /** A bare connected socket with no seat: a stranger, or a device before it joins. */
  async client(server: TestServer<RoomStore>): Promise<Client> {
    const client = await Client.connect(server.url);
    this.track(client);
    return client;
  }

  /** The device that starts a room (not yet connected). */
  async starter(server: TestServer<RoomStore>): Promise<Partner> {
    const partner = await Partner.starting(server.url, this.track);
    this.#partners.push(partner);
    return partner;
  }

  /** Another device with the invite (not yet connected). */
  async invitee(of: Partner): Promise<Partner> {
    const partner = await Partner.invitedBy(of);
    this.#partners.push(partner);
    return partner;
  }

  /** A server with a room in which A (seat 0) and B (seat 1) are both joined and online. */
  async pair<S extends RoomStore = MemoryRoomStore>(
    options: ServerOptions<S> = {},
  ): Promise<{ server: TestServer<S>; a: Partner; b: Partner }> {
    const server = await this.server(options);
    return { server, ...(await this.pairOn(server)) };
  }

  /** A new room on `server` in which A (seat 0) and B (seat 1) are both joined and online. */
  async pairOn(server: TestServer<RoomStore>): Promise<{ a: Partner; b: Partner }> {
    const a = await this.starter(server);
    await a.enter({ create: true });
    const b = await this.invitee(a);
    await b.enter();
    return { a, b };
  }

  async cleanup(): Promise<void> {
    const clients = this.#clients;
    const servers = this.#servers;
    const partners = this.#partners;
    this.#clients = [];
    this.#servers = [];
    this.#partners = [];
    for (const client of clients) client.socket.disconnect();
    await Promise.all(servers.map((server) => server.close()));
    expect(clients.flatMap((client) => client.violations)).toEqual([]);
    expect(partners.flatMap((partner) => partner.problems)).toEqual([]);
  }
}
