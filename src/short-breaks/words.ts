/** The words of short breaks and day support, shared by forms, pages and the calendar feed. */
export const BOOKING_KINDS = ['short_breaks', 'day_support'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];

export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const KIND_NAMES: Record<BookingKind, string> = {
  short_breaks: 'Short break (nights)',
  day_support: 'Day support (a session)',
};

/** The nights a scheme gives each carer off a year, unless it says otherwise (carers are entitled to 21 to 28). */
export const DEFAULT_RESPITE_NIGHTS = 28;

/** When two bookings race for the same nights, the one that loses is told in these words. */
export const TAKEN = {
  nights: 'Those nights were just booked by someone else. Choose other nights or another room.',
  person: 'They already have a short break or day support booked at that time. Choose another time.',
  session: 'They already have day support booked at that time. Choose another time.',
};
