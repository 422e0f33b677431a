import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, Actor } from '../platform/http/types.js';
import { carerToManage, constraintBroken, offerOf, settingsOf } from './access.js';
import { type IsoDate, todayInUk } from '../platform/dates.js';
import { allowanceSummary, yearOf } from './allowance.js';
import type { Hours, Nights } from './ranges.js';
import { availability, carerBreaks, respiteAllowances, shortBreakSettings } from './schema.js';
import { londonInstant } from './times.js';
import type { BookingKind } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';

export type NewAvailability = { kind: 'short_breaks'; nights: Nights } | { kind: 'day_support'; hours: Hours };

/** Runs an insert; an overlap the database refuses becomes this message on this field. */
async function refusingOverlap<T>(work: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (constraintBroken(error)?.code === '23P01') throw new InputProblem(field, message);
    throw error;
  }
}

/** A carer's published availability, their own breaks and allowance, and the scheme's settings. */
export function availabilityService(db: Database, today: () => IsoDate = todayInUk) {
  /** Removes one of a carer's rows (a time published, a break), if this actor may manage that carer. */
  const removeOwn = (
    actor: Actor,
    carerId: string | undefined,
    id: string,
    table: typeof availability | typeof carerBreaks,
    recordType: string,
  ) =>
    db.inScope(actor, async (tx) => {
      const carer = await carerToManage(tx, actor, carerId);
      const removed = await tx
        .delete(table)
        .where(and(eq(table.id, id), eq(table.carerId, carer.id)))
        .returning({ id: table.id });
      if (!removed.length) throw notFound();
      await audit(tx, actor, { action: 'ended', recordType, recordId: carer.id, changes: { removed: id } });
      return carer;
    });

  return {
    async availability(actor: Actor, carerId?: string) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerToManage(tx, actor, carerId);
        const offer = await offerOf(tx, carer.id);
        const rows = await tx
          .select()
          .from(availability)
          .where(
            and(
              eq(availability.carerId, carer.id),
              sql`coalesce(upper(${availability.nights}), upper(${availability.hours})::date + 1) > ${today()}::date`,
            ),
          )
          .orderBy(asc(sql`coalesce(lower(${availability.nights})::timestamp, lower(${availability.hours}))`));
        await audit(tx, actor, { action: 'viewed', recordType: 'carer availability', recordId: carer.id });
        return { carer, kinds: offer?.kinds ?? [], rows };
      });
    },

    async publish(actor: Actor, carerId: string | undefined, input: NewAvailability) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerToManage(tx, actor, carerId);
        const offer = await offerOf(tx, carer.id);
        if (!offer?.kinds.includes(input.kind))
          throw new InputProblem(
            'kind',
            `${carer.name} is not approved for ${input.kind === 'short_breaks' ? 'short breaks' : 'day support'}`,
          );
        const field = input.kind === 'short_breaks' ? 'from' : 'date';
        const starts = input.kind === 'short_breaks' ? input.nights.from < today() : input.hours.from < londonInstant(today(), '00:00');
        if (starts) throw new InputProblem(field, 'The date must be today or in the future');
        const values = {
          schemeId: inScheme(actor).schemeId,
          carerId: carer.id,
          kind: input.kind,
          nights: input.kind === 'short_breaks' ? input.nights : null,
          hours: input.kind === 'day_support' ? input.hours : null,
          createdByUserId: actor.userId,
        };
        await refusingOverlap(
          () => tx.insert(availability).values(values),
          field,
          'That overlaps times already published. Remove those first, or choose other dates',
        );
        await audit(tx, actor, {
          action: 'created',
          recordType: 'carer availability',
          recordId: carer.id,
          changes: { kind: values.kind, nights: values.nights, hours: values.hours },
        });
        return carer;
      });
    },

    remove: (actor: Actor, carerId: string | undefined, id: string) => removeOwn(actor, carerId, id, availability, 'carer availability'),

    /** The carer's own breaks in a year, and how many of their allowed nights off they have used. */
    async respite(actor: Actor, carerId: string | undefined, year: number) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerToManage(tx, actor, carerId);
        const breaks = await tx
          .select()
          .from(carerBreaks)
          .where(
            and(
              eq(carerBreaks.carerId, carer.id),
              sql`${carerBreaks.nights} && daterange(${`${year}-01-01`}::date, ${`${year + 1}-01-01`}::date)`,
            ),
          )
          .orderBy(asc(sql`lower(${carerBreaks.nights})`));
        const { allowance, own } = await allowanceOf(tx, carer.id);
        await audit(tx, actor, { action: 'viewed', recordType: 'carer breaks', recordId: carer.id });
        return {
          carer,
          breaks,
          own,
          summary: allowanceSummary(
            breaks.map((b) => b.nights),
            allowance,
            year,
          ),
        };
      });
    },

    /** "N of M nights used" this year, for the carer's record and calendar; null if the actor may not see it. */
    async summary(actor: Actor, carerId: string) {
      return db.inScope(actor, (tx) => summaryIn(tx, carerId, yearOf(today())));
    },

    async addBreak(actor: Actor, carerId: string | undefined, input: { nights: Nights; note: string | null }) {
      return db.inScope(actor, async (tx) => {
        const carer = await carerToManage(tx, actor, carerId);
        await refusingOverlap(
          () =>
            tx
              .insert(carerBreaks)
              .values({ schemeId: inScheme(actor).schemeId, carerId: carer.id, ...input, createdByUserId: actor.userId }),
          'from',
          'That overlaps a break already recorded. Choose other dates',
        );
        await audit(tx, actor, { action: 'created', recordType: 'carer breaks', recordId: carer.id, changes: { ...input } });
        return carer;
      });
    },

    removeBreak: (actor: Actor, carerId: string | undefined, id: string) => removeOwn(actor, carerId, id, carerBreaks, 'carer breaks'),

    /** Staff set a carer's own allowance; no number goes back to the scheme's. */
    async setAllowance(actor: Actor, carerId: string, nights: number | null) {
      if (!isStaff(actor)) throw forbidden();
      return db.inScope(actor, async (tx) => {
        const carer = await carerToManage(tx, actor, carerId);
        if (nights === null) await tx.delete(respiteAllowances).where(eq(respiteAllowances.carerId, carer.id));
        else {
          await tx
            .insert(respiteAllowances)
            .values({ carerId: carer.id, schemeId: inScheme(actor).schemeId, nights, updatedByUserId: actor.userId })
            .onConflictDoUpdate({
              target: respiteAllowances.carerId,
              set: { nights, updatedByUserId: actor.userId, updatedAt: new Date() },
            });
        }
        await audit(tx, actor, { action: 'updated', recordType: 'respite allowance', recordId: carer.id, changes: { nights } });
        return carer;
      });
    },

    async settings(actor: Actor) {
      return db.inScope(actor, (tx) => settingsOf(tx));
    },

    async saveSettings(actor: Actor, input: { peopleMayBook: boolean; respiteNights: number }) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        await tx
          .insert(shortBreakSettings)
          .values({ schemeId: inScheme(actor).schemeId, ...input, updatedByUserId: actor.userId })
          .onConflictDoUpdate({
            target: shortBreakSettings.schemeId,
            set: { ...input, updatedByUserId: actor.userId, updatedAt: new Date() },
          });
        await audit(tx, actor, { action: 'updated', recordType: 'short break settings', recordId: actor.schemeId, changes: { ...input } });
      });
    },
  };
}

async function allowanceOf(tx: Tx, carerId: string): Promise<{ allowance: number; own: number | null }> {
  const [own] = await tx.select({ nights: respiteAllowances.nights }).from(respiteAllowances).where(eq(respiteAllowances.carerId, carerId));
  return { allowance: own?.nights ?? (await settingsOf(tx)).respiteNights, own: own?.nights ?? null };
}

/** The allowance summary for a carer the actor can see (staff, or the carer), in the same transaction. */
export async function summaryIn(tx: Tx, carerId: string, year: number) {
  const breaks = await tx
    .select({ nights: carerBreaks.nights })
    .from(carerBreaks)
    .where(and(eq(carerBreaks.carerId, carerId), gte(sql`upper(${carerBreaks.nights})`, sql`${`${year}-01-01`}::date`)));
  const { allowance } = await allowanceOf(tx, carerId);
  return allowanceSummary(
    breaks.map((b) => b.nights),
    allowance,
    year,
  );
}

export type AvailabilityService = ReturnType<typeof availabilityService>;
export type { BookingKind };
