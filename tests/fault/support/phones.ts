import { io } from 'socket.io-client';
import type { TcpProxy } from '../../support/tcp-proxy.ts';
import { startRoomClient } from './adapter.ts';
import type { Browser, ClosedReason, Page, RoomClient, RoomSocket, RoomView } from './adapter.ts';

export type PhoneName = 'A' | 'B';

/**
 * One partner's phone: a browser whose pages run the real RoomClient, every socket going through
 * this phone's own proxy (its network). It records, across reloads, every event id that ever
 * stood in its outbox (in the order it first appeared) and every way its room closed, so a test
 * can check that nothing it queued was lost and that it never gave up.
 */
export class FaultPhone {
  /** Event ids this phone ever queued, in the order they were queued. */
  readonly queued: string[] = [];
  /** Every closed status any of its pages reached. */
  readonly closings: ClosedReason[] = [];
  reloads = 0;
  #client: RoomClient;
  #page: Page;
  readonly #seen = new Set<string>();
  #unwatch: () => void;

  private constructor(
    readonly name: PhoneName,
    readonly secret: string,
    readonly browser: Browser,
    readonly proxy: TcpProxy,
    page: Page,
    client: RoomClient,
  ) {
    this.#page = page;
    this.#client = client;
    this.#unwatch = this.#watch(client);
  }

  /** Opens the room on a new page of `browser`, its sockets going through `proxy`. */
  static async open(
    name: PhoneName,
    secret: string,
    browser: Browser,
    proxy: TcpProxy,
  ): Promise<FaultPhone> {
    const page = browser.openPage();
    const client = await startRoomClient(secret, page, () => connectThrough(proxy));
    return new FaultPhone(name, secret, browser, proxy, page, client);
  }

  /** The RoomClient of the page open now. */
  get client(): RoomClient {
    return this.#client;
  }

  view(): RoomView {
    return this.#client.getSnapshot();
  }

  /**
   * The page reloads: its client stops where it is (a send may be in flight), its page can write
   * nothing more, and a new page opens the room from what the browser kept.
   */
  async reload(): Promise<void> {
    this.stop();
    this.#page = this.browser.openPage();
    this.#client = await startRoomClient(this.secret, this.#page, () => connectThrough(this.proxy));
    this.#unwatch = this.#watch(this.#client);
    this.reloads += 1;
  }

  stop(): void {
    this.#unwatch();
    this.#client.stop();
    this.#page.close();
  }

  #watch(client: RoomClient): () => void {
    let closed = false;
    const record = (): void => {
      const view = client.getSnapshot();
      for (const entry of view.outbox) {
        if (this.#seen.has(entry.eventId)) continue;
        this.#seen.add(entry.eventId);
        this.queued.push(entry.eventId);
      }
      if (view.status.kind === 'closed' && !closed) this.closings.push(view.status.reason);
      closed = view.status.kind === 'closed';
    };
    record();
    return client.subscribe(record);
  }
}

/** A socket.io connection through the phone's proxy, reconnecting quickly, as a phone's does. */
function connectThrough(proxy: TcpProxy): RoomSocket {
  return io(proxy.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 250,
  });
}
