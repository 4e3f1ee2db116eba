import type { Database } from 'better-sqlite3';
import type { Seat } from '../../../shared/ids.ts';
import type { PushSubscriptionJson } from '../../../shared/push.ts';
import type { DueWake, VapidKeys } from '../push-store.ts';
import type { RoomRef } from '../room-store.ts';
import { seatOf } from './statements.ts';

interface SubscriptionRow {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
}

interface DueWakeRow extends SubscriptionRow {
  readonly room_id: string;
  readonly incarnation: string;
  readonly seat: number;
  readonly at: number;
}

type SeatKey = { readonly incarnation: string; readonly seat: Seat };

/**
 * The push tables of migration 4, as synchronous steps for the SQLite store to run inside its
 * transactions (sqlite-store.ts checks the seat holder and the room's end first).
 */
export class SqlitePushRows {
  readonly #sql;

  constructor(db: Database) {
    this.#sql = {
      // An upsert, not a replace: a replace deletes the row, and the wakes would cascade with it.
      upsert: db.prepare<SeatKey & SubscriptionRow>(
        `INSERT INTO push_subscriptions (incarnation, seat, endpoint, p256dh, auth)
         VALUES (@incarnation, @seat, @endpoint, @p256dh, @auth)
         ON CONFLICT (incarnation, seat) DO UPDATE
         SET endpoint = excluded.endpoint, p256dh = excluded.p256dh, auth = excluded.auth`,
      ),
      remove: db.prepare<SeatKey>(
        'DELETE FROM push_subscriptions WHERE incarnation = @incarnation AND seat = @seat',
      ),
      removeIfEndpoint: db.prepare<SeatKey & { endpoint: string }>(
        `DELETE FROM push_subscriptions
         WHERE incarnation = @incarnation AND seat = @seat AND endpoint = @endpoint`,
      ),
      subscription: db.prepare<SeatKey, SubscriptionRow>(
        `SELECT endpoint, p256dh, auth FROM push_subscriptions
         WHERE incarnation = @incarnation AND seat = @seat`,
      ),
      subscribedSeats: db
        .prepare<[string], number>('SELECT seat FROM push_subscriptions WHERE incarnation = ?')
        .pluck(),
      clearWakes: db.prepare<SeatKey>(
        'DELETE FROM push_wakes WHERE incarnation = @incarnation AND seat = @seat',
      ),
      addWake: db.prepare<SeatKey & { at: number }>(
        'INSERT OR IGNORE INTO push_wakes (incarnation, seat, at) VALUES (@incarnation, @seat, @at)',
      ),
      dueWakes: db.prepare<{ now: number; limit: number }, DueWakeRow>(
        `SELECT r.room_id, w.incarnation, w.seat, w.at, s.endpoint, s.p256dh, s.auth
         FROM push_wakes w
         JOIN push_subscriptions s ON s.incarnation = w.incarnation AND s.seat = w.seat
         JOIN rooms r ON r.incarnation = w.incarnation
         WHERE w.at <= @now ORDER BY w.at LIMIT @limit`,
      ),
      removeWake: db.prepare<SeatKey & { at: number }>(
        'DELETE FROM push_wakes WHERE incarnation = @incarnation AND seat = @seat AND at = @at',
      ),
      keepVapid: db.prepare<{ publicKey: string; privateKey: string }>(
        `INSERT OR IGNORE INTO vapid_keys (id, public_key, private_key)
         VALUES (1, @publicKey, @privateKey)`,
      ),
      vapid: db.prepare<[], { publicKey: string; privateKey: string }>(
        'SELECT public_key AS publicKey, private_key AS privateKey FROM vapid_keys WHERE id = 1',
      ),
    };
  }

  setSubscription(key: SeatKey, subscription: PushSubscriptionJson | null): void {
    if (subscription === null) {
      this.#sql.remove.run(key);
      return;
    }
    this.#sql.upsert.run({ ...key, endpoint: subscription.endpoint, ...subscription.keys });
  }

  /** False when the seat has no subscription: wakes are kept only with one. */
  setWakes(key: SeatKey, times: readonly number[]): boolean {
    if (this.#sql.subscription.get(key) === undefined) return false;
    this.#sql.clearWakes.run(key);
    for (const at of times) this.#sql.addWake.run({ ...key, at });
    return true;
  }

  subscriptionOf(key: SeatKey): PushSubscriptionJson | null {
    const row = this.#sql.subscription.get(key);
    return row === undefined ? null : subscriptionOf(row);
  }

  forget(key: SeatKey, endpoint: string): boolean {
    return this.#sql.removeIfEndpoint.run({ ...key, endpoint }).changes > 0;
  }

  /** Which seats of the incarnation have a subscription. */
  pushSeats(incarnation: string): [boolean, boolean] {
    const seats = this.#sql.subscribedSeats.all(incarnation);
    return [seats.includes(0), seats.includes(1)];
  }

  /** Run inside a write transaction: the wakes read are deleted in the same one. */
  takeDue(now: number, limit: number): DueWake[] {
    const rows = this.#sql.dueWakes.all({ now, limit });
    return rows.map((row) => {
      const seat = seatOf(row.seat);
      this.#sql.removeWake.run({ incarnation: row.incarnation, seat, at: row.at });
      const room: RoomRef = { roomId: row.room_id, incarnation: row.incarnation };
      return { room, seat, subscription: subscriptionOf(row), at: row.at };
    });
  }

  keepVapidKeys(candidate: VapidKeys): VapidKeys {
    this.#sql.keepVapid.run(candidate);
    return this.#sql.vapid.get() ?? candidate;
  }
}

const subscriptionOf = (row: SubscriptionRow): PushSubscriptionJson => ({
  endpoint: row.endpoint,
  keys: { p256dh: row.p256dh, auth: row.auth },
});
