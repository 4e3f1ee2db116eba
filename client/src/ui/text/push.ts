import { i18n } from '../../i18n/i18n.ts';
import { NOTIFICATION_WORDS_EN } from './notification-words.ts';

/**
 * What a notification says (issue 19), in English (notification-words.ts); the page renders them
 * in the person's language into the room's push record, which the service worker reads.
 */
export const notificationText = i18n('notification', NOTIFICATION_WORDS_EN);

/**
 * The words of the "Notifications" setting and of the partner's reach (issue 19). Plain about
 * what turning it on means, and neutral like the rest. The e2e tests find the switch by
 * "Notifications" (in English).
 */
export const pushText = i18n('push', {
  heading: 'Notifications',
  switchLabel: 'Notifications',
  explanation:
    "Your partner's signals and check-ins reach this phone even when Tandem is closed. The server and the push service can't see which signal it was.",
  iosHomeScreen:
    'On iPhone this works only once Tandem is added to the Home Screen (Share, then “Add to Home Screen”), with iOS 16.4 or later.',
  unsupported:
    'This browser cannot show notifications while Tandem is closed. Signals still show while it is open.',
  denied:
    "Notifications are blocked for this site. Allow them in the browser's site settings (the icon beside the address), then turn this on.",
  noServer: 'This server does not send notifications. Signals still show while Tandem is open.',
  notConnected: 'Can be turned on once this phone is connected.',
  working: 'One moment…',
  on: 'On: this phone is reached even when Tandem is closed.',
  off: 'Off: this phone is reached only while Tandem is open.',
  failedSubscribe: 'Could not turn notifications on. Try again.',
  failedRefused:
    "This server cannot send to this browser's notification service. Signals still show while Tandem is open.",
  showName: "Show the signal's name in notifications",
  showNameHint: 'Off: a notification says only that your partner sent a signal.',
  partnerLabel: "Your partner's phone",
  partnerOn: 'notifications on',
  partnerOff: 'only while Tandem is open',
  rowPartnerPush: "Partner's phone reached when Tandem is closed",
  partnerPushReady: 'Ready: notifications on',
  partnerPushOff: 'Only while Tandem is open',
});
