import type { IsoDate } from '../platform/dates.js';
import type { BookingRow } from './bookings-service.js';
import { daysOf, monthGrid, type GridDay, type Month } from './month.js';
import { bookingTitle, type Viewer } from './present.js';
import type { Hours, Nights } from './ranges.js';
import { londonDate, londonTime } from './times.js';

export interface Entry {
  text: string;
  href?: string;
  kind: 'stay' | 'session' | 'available' | 'break';
}
export interface CalendarDay extends GridDay {
  entries: Entry[];
  label: string;
  today: boolean;
}

export interface MonthContent {
  bookings: readonly BookingRow[];
  offered: readonly { kind: string; nights: Nights | null; hours: Hours | null }[];
  breaks: readonly { nights: Nights }[];
}

const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const hoursText = (h: Hours) => `${londonTime(h.from)} to ${londonTime(h.to)}`;

/**
 * The month's weeks with what is on each day: each night of a stay, each session, and for the carer
 * (or staff looking at one carer) when they are available and when they are on a break.
 */
export function calendarWeeks(month: Month, content: MonthContent, viewer: Viewer, today: IsoDate): CalendarDay[][] {
  const byDay = new Map<IsoDate, Entry[]>();
  const add = (date: IsoDate, entry: Entry) => byDay.set(date, [...(byDay.get(date) ?? []), entry]);
  for (const b of content.bookings.filter((x) => x.status === 'booked')) {
    const href = `/calendar/bookings/${b.id}`;
    if (b.nights) for (const date of daysOf(b.nights.from, b.nights.to)) add(date, { text: bookingTitle(b, viewer), href, kind: 'stay' });
    if (b.hours) add(londonDate(b.hours.from), { text: `${hoursText(b.hours)}: ${bookingTitle(b, viewer)}`, href, kind: 'session' });
  }
  for (const a of content.offered) {
    if (a.nights)
      for (const date of daysOf(a.nights.from, a.nights.to)) add(date, { text: 'Available for short breaks', kind: 'available' });
    if (a.hours) add(londonDate(a.hours.from), { text: `Available for day support, ${hoursText(a.hours)}`, kind: 'available' });
  }
  for (const b of content.breaks)
    for (const date of daysOf(b.nights.from, b.nights.to))
      add(date, { text: viewer === 'carer' ? 'Your break' : 'Carer’s break', kind: 'break' });
  return monthGrid(month).map((week) =>
    week.map((day) => ({
      ...day,
      entries: day.inMonth ? (byDay.get(day.date) ?? []) : [],
      label: dayLabel.format(new Date(`${day.date}T12:00:00Z`)),
      today: day.date === today,
    })),
  );
}
