import { followUpText } from '../text/after.ts';

/**
 * The calendar reminder for the next follow-up: an RFC 5545 VCALENDAR with one VEVENT titled
 * "Check in" (in the language shown: `followUpText.calendarTitle`), at the follow-up's time, with
 * an alarm saying the same. It carries nothing else on
 * purpose: no link, no room id, no other words, since a calendar is synced, shared and glanced at
 * by others. The UID is random so that two reminders never replace each other.
 */

export const CALENDAR_FILE_NAME = 'check-in.ics';
export const CALENDAR_MIME_TYPE = 'text/calendar';

/** UTC as iCalendar writes it: 20250102T030405Z. */
export const icsUtc = (at: number): string =>
  new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export interface CalendarReminder {
  /** When the follow-up is due (ms since the epoch). */
  readonly startAt: number;
  /** When the file is made (DTSTAMP). */
  readonly madeAt: number;
  /** A random unique id: hex, so it holds no words. */
  readonly uid: string;
  /** The event's title and alarm text; the shown language's words when not given. */
  readonly title?: string;
}

/** Words as an iCalendar TEXT value: backslash, comma and semicolon escaped, on one line. */
export const icsText = (words: string): string =>
  words.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');

/** A fresh random UID: 32 hex digits. */
export const randomUid = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');

/** The whole file, lines ending in CRLF as RFC 5545 requires. Every line is under 75 octets. */
export function calendarFile({
  startAt,
  madeAt,
  uid,
  title = followUpText.get().calendarTitle,
}: CalendarReminder): string {
  if (!/^[0-9a-f]{32}$/.test(uid)) throw new TypeError('a UID is 32 hex digits');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Check in//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${icsUtc(madeAt)}`,
    `DTSTART:${icsUtc(startAt)}`,
    `SUMMARY:${icsText(title)}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:PT0M',
    `DESCRIPTION:${icsText(title)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map((line) => `${line}\r\n`).join('');
}

/** Hands the reminder to the browser as a download named check-in.ics. */
export function downloadCalendarFile(startAt: number): void {
  const file = calendarFile({ startAt, madeAt: Date.now(), uid: randomUid() });
  const url = URL.createObjectURL(new Blob([file], { type: CALENDAR_MIME_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = CALENDAR_FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  // Later, not at once: some browsers read the blob only after the click's task has ended.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
