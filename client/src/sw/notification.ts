import type { ContentEvent } from '../../../shared/content.ts';
import type { PushPayload } from '../../../shared/push-payload.ts';
import type { NotificationWords } from '../push/push-store.ts';

/** The title of every notification: the app's name, nothing about the room. */
export const NOTIFICATION_TITLE = 'Tandem';
/** Long enough to feel in a pocket, short enough not to alarm anyone nearby. */
export const NOTIFICATION_VIBRATION = [200, 100, 200, 100, 400] as const;
export const NOTIFICATION_ICON = '/icon-192.png';

/** One room's notifications replace each other: a phone shows the latest, not a pile. */
export const notificationTag = (roomId: string): string => `tandem-room-${roomId}`;

/** What the service worker knows about the pushed room when it words a notification. */
export interface WordingContext {
  readonly words: NotificationWords;
  readonly showSignalName: boolean;
}

/**
 * The body of the notification for `payload`. `opened` is the envelope's content event when the
 * worker could open it, else null (no key kept, no envelope in the push, or it did not
 * authenticate): then the neutral words, never nothing, since an urgent push must not be dropped.
 */
export function notificationBody(
  payload: PushPayload,
  opened: ContentEvent | null,
  { words, showSignalName }: WordingContext,
): string {
  switch (payload.type) {
    case 'wake':
      return words.wake;
    case 'envelope':
      return envelopeBody(opened, words, showSignalName);
  }
}

function envelopeBody(
  event: ContentEvent | null,
  words: NotificationWords,
  showSignalName: boolean,
): string {
  switch (event?.type) {
    case 'signal':
      return showSignalName ? words[`named_${event.kind}`] : words.signal;
    case 'test_alert':
      return words.testAlert;
    case 'follow_up_asked':
      return words.checkIn;
    default:
      // Not opened, or an event the server should not have pushed: still neutral, still shown.
      return words.signal;
  }
}
