import { afterEach, expect } from 'vitest';
import { Client } from './client.ts';
import { FaultyStore } from './faulty-store.ts';
import { Partner } from './partner.ts';
import { startServer } from './server.ts';
import type { ServerOptions, TestServer } from './server.ts';
import { openTestStore } from './stores.ts';
import type { InspectableStore, StoreKind } from './stores.ts';

/**
 * Owns every server, socket and partner a test makes, and closes them all after each test.
 * Call once at the top level of a test file, or of a `describe` (one per store kind, say).
 * Servers get a fresh store of `storeKind` (memory unless given) unless a test gives its own.
 */
export function useHarness(storeKind: StoreKind = 'memory'): Harness {
  const harness = new Harness(storeKind);
  afterEach(async () => {
    await harness.cleanup();
  });
  return harness;
}

export class Harness {
  #servers: TestServer[] = [];
  #clients: Client[] = [];
  #partners: Partner[] = [];
  /** Run once the servers are closed: removing the files of stores this harness made. */
  #disposals: (() => void)[] = [];

  constructor(readonly storeKind: StoreKind) {}

  readonly track = (client: Client): void => {
    this.#clients.push(client);
  };

  async server<S extends InspectableStore = InspectableStore>(
    options: ServerOptions<S> = {},
  ): Promise<TestServer<S>> {
    const server = await startServer({ storeKind: this.storeKind, ...options });
    this.#servers.push(server);
    return server;
  }

  /** A server over a FaultyStore that wraps a fresh store of this harness's kind. */
  async faultyServer(
    options: Omit<ServerOptions<FaultyStore>, 'store' | 'storeKind'> = {},
  ): Promise<TestServer<FaultyStore>> {
    const fresh = openTestStore(this.storeKind);
    this.#disposals.push(fresh.dispose);
    return this.server({ ...options, store: new FaultyStore(fresh.store) });
  }

  /** A bare connected socket with no seat: a stranger, or a device before it joins. */
  async client(server: { readonly url: string }): Promise<Client> {
    const client = await Client.connect(server.url);
    this.track(client);
    return client;
  }

  /** The device that starts a room (not yet connected). */
  async starter(server: { readonly url: string }): Promise<Partner> {
    const partner = await Partner.starting(server.url, this.track);
    this.#partners.push(partner);
    return partner;
  }

  /**
   * Another device with the invite (not yet connected), reaching the same server as `of`, or
   * `server` (another process of the same deployment).
   */
  async invitee(of: Partner, server?: { readonly url: string }): Promise<Partner> {
    const partner =
      server === undefined ? await Partner.invitedBy(of) : await Partner.invitedOn(of, server.url);
    this.#partners.push(partner);
    return partner;
  }

  /** A server with a room in which A (seat 0) and B (seat 1) are both joined and online. */
  async pair<S extends InspectableStore = InspectableStore>(
    options: ServerOptions<S> = {},
  ): Promise<{ server: TestServer<S>; a: Partner; b: Partner }> {
    const server = await this.server(options);
    return { server, ...(await this.pairOn(server)) };
  }

  /** A new room on `server` in which A (seat 0) and B (seat 1) are both joined and online. */
  async pairOn(server: { readonly url: string }): Promise<{ a: Partner; b: Partner }> {
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
    const disposals = this.#disposals;
    this.#clients = [];
    this.#servers = [];
    this.#partners = [];
    this.#disposals = [];
    for (const client of clients) client.socket.disconnect();
    await Promise.all(servers.map((server) => server.close()));
    for (const dispose of disposals) dispose();
    expect(clients.flatMap((client) => client.violations)).toEqual([]);
    expect(partners.flatMap((partner) => partner.problems)).toEqual([]);
  }
}
