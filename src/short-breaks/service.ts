import type { Database } from '../platform/db/database.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import { availabilityService } from './availability-service.js';
import { bookingsService } from './bookings-service.js';
import { calendarService } from './calendar-service.js';

/** Short breaks and day support, as one service for the composition root. */
export function shortBreaksServices(db: Database, options: { today?: () => IsoDate } = {}) {
  const today = options.today ?? todayInUk;
  return {
    bookings: bookingsService(db, today),
    availability: availabilityService(db, today),
    calendar: calendarService(db, today),
  };
}

export type ShortBreaksServices = ReturnType<typeof shortBreaksServices>;
