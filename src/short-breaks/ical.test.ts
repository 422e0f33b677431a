import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalendar } from './ical.js';

const now = new Date('2026-11-02T09:15:00Z');

describe('the iCalendar feed', () => {
  it('writes nights as all-day events, with the leaving day as the exclusive end', () => {
    const text = icalendar({
      name: 'Hearth: short breaks',
      now,
      events: [{ uid: 'b1@hearth', summary: 'Short break with Sam', start: { date: '2026-11-06' }, end: { date: '2026-11-08' } }],
    });
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Hearth//Short breaks and day support//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Hearth: short breaks',
        'BEGIN:VEVENT',
        'UID:b1@hearth',
        'DTSTAMP:20261102T091500Z',
        'DTSTART;VALUE=DATE:20261106',
        'DTEND;VALUE=DATE:20261108',
        'SUMMARY:Short break with Sam',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('writes sessions in UTC', () => {
    const text = icalendar({
      name: 'x',
      now,
      events: [
        {
          uid: 's1@hearth',
          summary: 'Day support',
          description: 'Bring boots',
          start: { at: new Date('2026-07-01T09:30:00Z') },
          end: { at: new Date('2026-07-01T15:00:00Z') },
        },
      ],
    });
    expect(text).toContain('\r\nDTSTART:20260701T093000Z\r\nDTEND:20260701T150000Z\r\n');
    expect(text).toContain('\r\nDESCRIPTION:Bring boots\r\n');
  });

  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(pieces.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(pieces.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('unfolds to what it folded, every line within 75 octets, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const feed = icalendar({
          name: text,
          now,
          events: [{ uid: 'u', summary: text, start: { date: '2026-01-01' }, end: { date: '2026-01-02' } }],
        });
        expect(feed.endsWith('\r\n')).toBe(true);
        const lines = feed.slice(0, -2).split('\r\n');
        for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        expect(feed.replace(/\r\n /g, '')).toContain(`SUMMARY:${escapeText(text)}\r\n`);
        expect(feed.replace(/\r\n /g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      }),
    );
  });
});
