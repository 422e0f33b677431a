import { customType } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../platform/dates.js';

/**
 * PostgreSQL ranges as plain values. Nights are a daterange [arrive, leave): the night of the
 * leaving day is not included, so 6 to 8 November is two nights. Sessions are a tstzrange [start, end).
 */
export interface Nights {
  from: IsoDate;
  to: IsoDate;
}
export interface Hours {
  from: Date;
  to: Date;
}

/** The two bounds of a range as PostgreSQL writes it: `[2026-11-06,2026-11-08)` or `["2026-11-06 10:00:00+00","…")`. */
export function rangeBounds(text: string): [string, string] {
  const match = /^[[(]"?([^",]*)"?,"?([^",]*)"?[\])]$/.exec(text.trim());
  if (!match) throw new Error(`Not a bounded range: ${text}`);
  return [match[1]!, match[2]!];
}

/** A timestamp as PostgreSQL writes it ("2026-11-06 10:00:00+00"), read exactly. */
export function parseTimestamp(text: string): Date {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a timestamp: ${text}`);
  return date;
}

export const daterange = customType<{ data: Nights; driverData: string }>({
  dataType: () => 'daterange',
  toDriver: (value) => `[${value.from},${value.to})`,
  fromDriver: (value) => {
    const [from, to] = rangeBounds(value);
    return { from, to };
  },
});

export const tstzrange = customType<{ data: Hours; driverData: string }>({
  dataType: () => 'tstzrange',
  toDriver: (value) => `[${value.from.toISOString()},${value.to.toISOString()})`,
  fromDriver: (value) => {
    const [from, to] = rangeBounds(value);
    return { from: parseTimestamp(from), to: parseTimestamp(to) };
  },
});
