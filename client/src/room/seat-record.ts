import type { Seat } from '../../../shared/ids.ts';
import type { DeviceRecord } from './device-record.ts';
import { forgetDevice, loadOrCreateDevice, saveDevice } from './device-record.ts';
import type { JoinPayload } from './join-request.ts';
import { forgetRoom, rememberRoom } from './last-room.ts';
import type { KeyValueStorage } from './storage.ts';

/**
 * This device's seat in one room as Web Storage keeps it: what the join says about the device,
 * what the server confirmed (seat, incarnation), and the way back from the start screen.
 */
export class SeatRecord {
  readonly #storage: KeyValueStorage;
  readonly #roomId: string;
  readonly #secret: string;
  #device: DeviceRecord;

  constructor(storage: KeyValueStorage, roomId: string, secret: string) {
    this.#storage = storage;
    this.#roomId = roomId;
    this.#secret = secret;
    this.#device = loadOrCreateDevice(storage, roomId);
  }

  /** The seat the server confirmed once, shown before any connection; null until then. */
  get seat(): Seat | null {
    return this.#device.seat;
  }

  /** The device's part of a join, from the log's last sequence number (join-request.ts). */
  joinPayload(afterSeq: number): JoinPayload {
    const device = this.#device;
    return {
      roomSecret: this.#secret,
      roomId: this.#roomId,
      memberId: device.memberId,
      memberSecret: device.memberSecret,
      create: device.createRoom,
      incarnation: device.incarnation,
      afterSeq,
    };
  }

  /** The server gave this device `seat` in `incarnation`: kept, so every later join names it. */
  confirm(seat: Seat, incarnation: string): void {
    const device = this.#device;
    if (device.createRoom || device.seat !== seat || device.incarnation !== incarnation) {
      this.#device = { ...device, createRoom: false, seat, incarnation };
      saveDevice(this.#storage, this.#roomId, this.#device);
    }
    rememberRoom(this.#storage, this.#secret);
  }

  /** The room is over: the seat and the way back to it go. */
  forget(): void {
    forgetDevice(this.#storage, this.#roomId);
    forgetRoom(this.#storage, this.#secret);
  }
}
