import type { ContentEvent } from '../../../shared/content.ts';
import { openEvent } from '../../../shared/crypto/codec.ts';
import { PushPayload } from '../../../shared/push-payload.ts';
import type { PushRecord } from '../push/push-store.ts';
import { PushStore } from '../push/push-store.ts';
import { NOTIFICATION_WORDS_EN } from '../ui/text/notification-words.ts';
import type { AppWindow } from './notification-click.ts';
import { roomInFront } from './notification-click.ts';
import {
  NOTIFICATION_ICON,
  NOTIFICATION_TITLE,
  NOTIFICATION_VIBRATION,
  notificationBody,
  notificationTag,
} from './notification.ts';

/** A notification to show: `showNotification(title, options)`. */
export interface NotificationToShow {
  readonly title: string;
  readonly options: NotificationOptions & {
    readonly renotify: boolean;
    readonly vibrate: readonly number[];
  };
}

/** The part of PushMessageData read here. */
interface PushData {
  json(): unknown;
}

/**
 * Turns a push into the notification to show, or null when none should be: the person is looking
 * at the room (its page shows the alert itself). A push that cannot be read at all (no data, not
 * the contract) still shows the neutral words: it came from the server for this phone, and an
 * urgent push is never dropped silently.
 */
export async function openPush(
  data: PushData | null,
  windows: readonly AppWindow[],
  factory: IDBFactory | undefined,
): Promise<NotificationToShow | null> {
  const payload = parsePayload(data);
  if (payload === null) return toShow(null, NOTIFICATION_WORDS_EN.signal, null);
  const record = await new PushStore(factory).get(payload.roomId);
  if (roomInFront(windows, record?.address ?? null)) return null;
  const opened = record === null ? null : await openPushed(payload, record);
  const body = notificationBody(payload, opened, {
    words: record?.words ?? NOTIFICATION_WORDS_EN,
    showSignalName: record?.showSignalName ?? false,
  });
  return toShow(payload.roomId, body, record);
}

function parsePayload(data: PushData | null): PushPayload | null {
  try {
    const parsed = PushPayload.safeParse(data?.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The envelope's content, opened with the room's key; null if there is none or it fails. */
async function openPushed(payload: PushPayload, record: PushRecord): Promise<ContentEvent | null> {
  if (payload.type !== 'envelope' || payload.envelope === null) return null;
  const { eventId, seat, ciphertext } = payload.envelope;
  const keys = { roomId: payload.roomId, contentKey: record.contentKey };
  try {
    const opened = await openEvent(keys, { roomId: payload.roomId, eventId, seat }, ciphertext);
    return opened.ok ? opened.event : null;
  } catch {
    return null;
  }
}

function toShow(
  roomId: string | null,
  body: string,
  record: PushRecord | null,
): NotificationToShow {
  return {
    title: NOTIFICATION_TITLE,
    options: {
      body,
      tag: notificationTag(roomId ?? 'unknown'),
      // A newer push of the room replaces the one shown, and still buzzes.
      renotify: true,
      vibrate: [...NOTIFICATION_VIBRATION],
      icon: NOTIFICATION_ICON,
      lang: record?.language ?? 'en',
      data: { address: record?.address ?? null },
    },
  };
}
