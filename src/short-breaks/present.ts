import type { Role } from '../platform/permissions/roles.js';
import type { BookingRow } from './bookings-service.js';
import { nightsOf } from './allowance.js';
import { londonTime } from './times.js';

/** Whose calendar it is decides how a booking is put: the person reads about themselves. */
export type Viewer = 'staff' | 'carer' | 'person' | 'circle';

export const viewerOf = (role: Role | null): Viewer =>
  role === 'carer' ? 'carer' : role === 'person' ? 'person' : role === 'circle_member' ? 'circle' : 'staff';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A booking in a few words, for a calendar day and a calendar app. */
export function bookingTitle(b: Pick<BookingRow, 'kind' | 'carerName' | 'personName' | 'room'>, viewer: Viewer): string {
  if (b.kind === 'short_breaks') {
    const room = b.room ? ` (room ${b.room})` : '';
    return {
      staff: `${b.personName} at ${b.carerName}’s${room}`,
      carer: `${b.personName} staying${room}`,
      person: `Staying with ${b.carerName}`,
      circle: `${b.personName} staying with ${b.carerName}`,
    }[viewer];
  }
  return {
    staff: `Day support: ${b.personName} with ${b.carerName}`,
    carer: `Day support with ${b.personName}`,
    person: `Day support with ${b.carerName}`,
    circle: `${b.personName}: day support with ${b.carerName}`,
  }[viewer];
}

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const longDay = (iso: string) => longDate.format(new Date(`${iso}T12:00:00Z`));
const dayOfInstant = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/London' });

/** When, in plain words: "From Friday 6 November to Sunday 8 November (2 nights)". */
export function bookingWhen(b: Pick<BookingRow, 'nights' | 'hours'>): string {
  if (b.nights) return `From ${longDay(b.nights.from)} to ${longDay(b.nights.to)} (${plural(nightsOf(b.nights), 'night')})`;
  if (b.hours) return `${dayOfInstant.format(b.hours.from)}, ${londonTime(b.hours.from)} to ${londonTime(b.hours.to)}`;
  return '';
}

export { longDay, plural };
