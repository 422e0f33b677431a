import type { IsoDate } from '../platform/dates.js';

/**
 * An iCalendar (RFC 5545) feed, as a pure function: lines end in CRLF, long lines are folded at 75
 * octets (never inside a character), text is escaped. Nights are all-day events whose DTEND is the
 * leaving day (exclusive, as the standard says); sessions are times in UTC.
 */

export type When = { date: IsoDate } | { at: Date };

export interface CalendarEvent {
  /** Stable across fetches, so a calendar app updates the event rather than adding another. */
  uid: string;
  summary: string;
  description?: string;
  start: When;
  end: When;
}

export interface Calendar {
  name: string;
  events: readonly CalendarEvent[];
  /** When the feed was made: each event's DTSTAMP. */
  now: Date;
}

export const PRODID = '-//Hearth//Short breaks and day support//EN';

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Folds a content line into pieces of at most 75 octets, each after the first starting with a space. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

const utc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const day = (date: IsoDate) => date.replace(/-/g, '');

const property = (name: string, when: When) => ('date' in when ? `${name};VALUE=DATE:${day(when.date)}` : `${name}:${utc(when.at)}`);

export function icalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...calendar.events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(calendar.now)}`,
      property('DTSTART', event.start),
      property('DTEND', event.end),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
