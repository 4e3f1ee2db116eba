import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarFile,
  icsText,
  icsUtc,
  randomUid,
} from '../../../client/src/ui/after/calendar-file.ts';
import { deriveRoomKeys, newRoomSecret } from '../../../shared/crypto/codec.ts';

/** Content lines as RFC 5545 reads them: CRLF-separated, `NAME:VALUE`, none folded here. */
function contentLines(file: string): { name: string; value: string }[] {
  expect(file.endsWith('\r\n')).toBe(true);
  const lines = file.slice(0, -2).split('\r\n');
  return lines.map((line) => {
    expect(line).not.toMatch(/[\r\n]/);
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const match = /^([A-Z-]+):(.*)$/.exec(line);
    if (match === null) throw new Error(`not a content line: ${line}`);
    return { name: match[1] ?? '', value: match[2] ?? '' };
  });
}

/** Every word the file may hold, apart from the (hex) UID. */
const ALLOWED_WORDS = new Set(
  'BEGIN END VCALENDAR VEVENT VALARM VERSION PRODID Check in EN CALSCALE GREGORIAN UID DTSTAMP DTSTART SUMMARY ACTION DISPLAY TRIGGER PT M DESCRIPTION T Z'.split(
    ' ',
  ),
);

const START = Date.UTC(2026, 2, 4, 18, 30, 0);
const MADE = Date.UTC(2026, 2, 3, 9, 5, 7);
const UID = '0123456789abcdef0123456789abcdef';

describe('calendarFile', () => {
  it('is one VEVENT in a VCALENDAR, titled "Check in", at the follow-up in UTC', () => {
    const lines = contentLines(calendarFile({ startAt: START, madeAt: MADE, uid: UID }));
    expect(lines.map(({ name, value }) => `${name}:${value}`)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Check in//EN',
      'CALSCALE:GREGORIAN',
      'BEGIN:VEVENT',
      `UID:${UID}`,
      'DTSTAMP:20260303T090507Z',
      'DTSTART:20260304T183000Z',
      'SUMMARY:Check in',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:PT0M',
      'DESCRIPTION:Check in',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it.each([
    [Date.UTC(2026, 0, 1, 0, 0, 0), '20260101T000000Z'],
    [Date.UTC(2026, 11, 31, 23, 59, 59, 999), '20261231T235959Z'],
  ])('writes %d as %s', (at, text) => {
    expect(icsUtc(at)).toBe(text);
  });

  it('property: for any time and UID, well nested, no link, no room id, no other words', async () => {
    const { roomId } = await deriveRoomKeys(newRoomSecret());
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (madeAt, ahead) => {
          const uid = randomUid();
          const file = calendarFile({ startAt: madeAt + ahead, madeAt, uid });
          const lines = contentLines(file);
          const open: string[] = [];
          for (const { name, value } of lines) {
            if (name === 'BEGIN') open.push(value);
            if (name === 'END') expect(open.pop()).toBe(value);
          }
          expect(open).toEqual([]);
          expect(file).not.toMatch(/https?:|:\/\/|www\.|URL|ATTACH|LOCATION/i);
          expect(file).not.toContain(roomId);
          const dtstart = lines.find(({ name }) => name === 'DTSTART')?.value;
          expect(dtstart).toBe(icsUtc(madeAt + ahead));
          const withoutUid = file.replace(uid, '');
          const words = withoutUid.match(/[A-Za-z]+/g) ?? [];
          expect(words.filter((word) => !ALLOWED_WORDS.has(word))).toEqual([]);
        },
      ),
    );
  });

  it('makes a fresh 32-hex-digit UID each time, and refuses any other', () => {
    const uid = randomUid();
    expect(uid).toMatch(/^[0-9a-f]{32}$/);
    expect(randomUid()).not.toBe(uid);
    expect(() => calendarFile({ startAt: START, madeAt: MADE, uid: 'room-link' })).toThrow(
      TypeError,
    );
  });
});

describe('icsText', () => {
  it.each([
    ['Check in', 'Check in'],
    ['¿Todo bien?', '¿Todo bien?'],
    ['a, b; c\\d', 'a\\, b\\; c\\\\d'],
    ['two\r\nlines', 'two lines'],
  ])('writes %j as %j', (words, expected) => {
    expect(icsText(words)).toBe(expected);
  });

  it('titles the event in the words given (the shown language), and only those', () => {
    const lines = contentLines(
      calendarFile({ startAt: START, madeAt: MADE, uid: UID, title: '¿Todo bien?' }),
    );
    expect(lines.filter(({ name }) => name === 'SUMMARY' || name === 'DESCRIPTION')).toEqual([
      { name: 'SUMMARY', value: '¿Todo bien?' },
      { name: 'DESCRIPTION', value: '¿Todo bien?' },
    ]);
  });
});
