import { describe, expect, it } from 'vitest';
import type { BookingRow } from './bookings-service.js';
import { calendarWeeks } from './calendar-view.js';

const stay: BookingRow = {
  id: 'b1',
  kind: 'short_breaks',
  carerId: 'c',
  personId: 'p',
  carerName: 'Sam Host',
  personName: 'Alex Guest',
  nights: { from: '2026-11-06', to: '2026-11-08' },
  room: 1,
  hours: null,
  status: 'booked',
  notes: null,
  bookedByName: null,
  createdAt: new Date(),
  cancelledAt: null,
  cancelledByName: null,
  cancelReason: null,
};

describe('the calendar’s days', () => {
  const days = (weeks: ReturnType<typeof calendarWeeks>) => new Map(weeks.flat().map((d) => [d.date, d]));

  it('puts each night of a stay on its day, in words for whoever is looking', () => {
    const byDate = days(calendarWeeks('2026-11', { bookings: [stay], offered: [], breaks: [] }, 'person', '2026-11-02'));
    expect(byDate.get('2026-11-06')!.entries).toEqual([{ text: 'Staying with Sam Host', href: '/calendar/bookings/b1', kind: 'stay' }]);
    expect(byDate.get('2026-11-07')!.entries).toHaveLength(1);
    expect(byDate.get('2026-11-08')!.entries).toHaveLength(0);
    expect(byDate.get('2026-11-02')!.today).toBe(true);
    expect(byDate.get('2026-11-06')!.label).toBe('Friday 6 November');
  });

  it('leaves out cancelled bookings and days outside the month', () => {
    const weeks = calendarWeeks(
      '2026-11',
      { bookings: [{ ...stay, status: 'cancelled', nights: { from: '2026-10-30', to: '2026-11-02' } }], offered: [], breaks: [] },
      'staff',
      '2026-11-02',
    );
    expect(weeks.flat().every((d) => d.entries.length === 0)).toBe(true);
  });

  it('shows sessions with their UK times, availability and breaks', () => {
    const session: BookingRow = {
      ...stay,
      id: 'b2',
      kind: 'day_support',
      nights: null,
      room: null,
      hours: { from: new Date('2026-07-01T09:00:00Z'), to: new Date('2026-07-01T15:00:00Z') },
    };
    const byDate = days(
      calendarWeeks(
        '2026-07',
        {
          bookings: [session],
          offered: [{ kind: 'short_breaks', nights: { from: '2026-07-10', to: '2026-07-12' }, hours: null }],
          breaks: [{ nights: { from: '2026-07-20', to: '2026-07-21' } }],
        },
        'carer',
        '2026-07-01',
      ),
    );
    expect(byDate.get('2026-07-01')!.entries[0]!.text).toBe('10:00 to 16:00: Day support with Alex Guest');
    expect(byDate.get('2026-07-11')!.entries[0]!.kind).toBe('available');
    expect(byDate.get('2026-07-20')!.entries[0]!.text).toBe('Your break');
  });
});
