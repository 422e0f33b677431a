import { sql } from 'drizzle-orm';
import { check, numeric, pgEnum, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appRole } from '../platform/db/tenancy.js';

export const POSTCODE_SOURCES = ['ons', 'code_point', 'online', 'demo'] as const;
export type PostcodeSource = (typeof POSTCODE_SOURCES)[number];

export const postcodeSource = pgEnum('postcode_source', POSTCODE_SOURCES);

/**
 * Where each UK postcode is: national reference data, the same for every scheme, so not a tenant
 * table. It is filled from the national files (ONS Postcode Directory, OS Code-Point Open) by the
 * owner connection, and by the application role only with what the online lookup answers (the
 * `postcodes_online` policy; `postcodes_custom` takes away updating and deleting).
 */
export const postcodes = pgTable(
  'postcodes',
  {
    /** In its usual form, "NB1 4QT" (src/platform/forms/postcode.ts); collated "C" (migration postcodes_order). */
    postcode: text('postcode').primaryKey(),
    latitude: numeric('latitude', { precision: 8, scale: 5, mode: 'number' }).notNull(),
    longitude: numeric('longitude', { precision: 8, scale: 5, mode: 'number' }).notNull(),
    source: postcodeSource('source').notNull(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('postcodes_usual_form', sql`${t.postcode} ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$'`),
    check('postcodes_latitude', sql`${t.latitude} between -90 and 90`),
    check('postcodes_longitude', sql`${t.longitude} between -180 and 180`),
    pgPolicy('postcodes_read', { for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('postcodes_online', { for: 'insert', to: appRole, withCheck: sql`${t.source} = 'online'` }),
  ],
).enableRLS();
