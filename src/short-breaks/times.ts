import type { IsoDate } from '../platform/dates.js';

/** Times of day in the UK, where every scheme is: what a carer types, as the instant it means. */

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Minutes London is ahead of UTC at an instant: 0 in winter, 60 in summer. */
function londonOffset(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant a UK wall-clock time means ("2026-07-01", "10:30" is 09:30 UTC). */
export function londonInstant(date: IsoDate, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const guess = new Date(wall - londonOffset(new Date(wall)) * 60_000);
  return new Date(wall - londonOffset(guess) * 60_000);
}

/** "10:30" in the UK. */
export const londonTime = (at: Date) => clock.format(at);

/** The UK calendar date of an instant. */
export const londonDate = (at: Date): IsoDate => dayFormat.format(at);

/** A time typed as 9:30, 09:30 or 14:00, checked and written as HH:MM; null if it is not a time. */
export function readTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? `${String(h).padStart(2, '0')}:${match[2]}` : null;
}
