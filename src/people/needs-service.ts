import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { sightOf } from './access.js';
import { personHeader } from './header.js';
import type { ArrangementType } from './status.js';
import { locationOf, type Locate } from '../postcodes/service.js';
import { matchingPreferences, needsSummaries, personPlaces, personSupportNeeds, risks, supportNeedCategories } from './schema.js';
import { DEFAULT_SUPPORT_NEEDS, type HouseholdAnswer, type PlaceKind } from './words.js';
import { requireStaff } from '../platform/permissions/staff.js';

export interface NeedsInput {
  categoryIds: string[];
  supportNeeds: string | null;
  health: string | null;
  medication: string | null;
}

export interface PreferencesInput {
  arrangement: ArrangementType | null;
  areas: string | null;
  maxDistanceMiles: number | null;
  household: string | null;
  children: HouseholdAnswer | null;
  pets: HouseholdAnswer | null;
  smoking: HouseholdAnswer | null;
  faith: string | null;
  culture: string | null;
  languages: string[];
  interests: string[];
  routines: string | null;
  liveWithOrNear: string | null;
}

export interface RiskInput {
  risk: string;
  positiveSteps: string;
  agreedWith: string | null;
}

export interface PlaceInput {
  label: string;
  kind: PlaceKind;
  postcode: string | null;
}

/** Needs, wishes, places that matter and risks, and the scheme's own list of support needs. */
export function needsService(db: Database, { locate }: { locate: Locate }) {
  const withPerson = async (actor: Actor, personId: string, tx: Tx) => {
    await sightOf(tx, actor, personId);
    return personHeader(tx, personId);
  };

  return {
    async page(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const result = {
          person,
          ...(await needsOf(tx, personId)),
          preferences: await preferencesOf(tx, personId),
          places: await placesOf(tx, personId),
          risks: await risksOf(tx, personId),
        };
        await audit(tx, actor, {
          action: 'viewed',
          recordType: 'needs, wishes and risks',
          recordId: personId,
          subjectUserId: person.userId,
        });
        return result;
      });
    },

    async needsForm(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        await ensureDefaultCategories(tx, inScheme(actor).schemeId);
        const current = await needsOf(tx, personId);
        const has = new Set(current.needs.map((n) => n.id));
        const categories = (await categoriesOf(tx, { includeRetired: true })).filter((c) => !c.retiredAt || has.has(c.id));
        return { person, categories, ...current };
      });
    },

    async saveNeeds(actor: Actor, personId: string, input: NeedsInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const known = new Set((await categoriesOf(tx, { includeRetired: true })).map((c) => c.id));
        if (input.categoryIds.some((id) => !known.has(id))) throw new InputProblem('categoryIds', 'Choose support needs from the list');
        await tx.delete(personSupportNeeds).where(eq(personSupportNeeds.personId, personId));
        if (input.categoryIds.length) {
          await tx
            .insert(personSupportNeeds)
            .values(input.categoryIds.map((categoryId) => ({ schemeId: inScheme(actor).schemeId, personId, categoryId })));
        }
        const summary = { supportNeeds: input.supportNeeds, health: input.health, medication: input.medication };
        await tx
          .insert(needsSummaries)
          .values({ personId, schemeId: inScheme(actor).schemeId, ...summary, updatedByUserId: actor.userId })
          .onConflictDoUpdate({
            target: needsSummaries.personId,
            set: { ...summary, updatedByUserId: actor.userId, updatedAt: new Date() },
          });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'needs',
          recordId: personId,
          subjectUserId: person.userId,
          changes: { ...input },
        });
      });
    },

    async preferences(actor: Actor, personId: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => ({
        person: await withPerson(actor, personId, tx),
        preferences: await preferencesOf(tx, personId),
      }));
    },

    async savePreferences(actor: Actor, personId: string, input: PreferencesInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        await tx
          .insert(matchingPreferences)
          .values({ personId, schemeId: inScheme(actor).schemeId, ...input, updatedByUserId: actor.userId })
          .onConflictDoUpdate({
            target: matchingPreferences.personId,
            set: { ...input, updatedByUserId: actor.userId, updatedAt: new Date() },
          });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'matching preferences',
          recordId: personId,
          subjectUserId: person.userId,
          changes: { ...input },
        });
      });
    },

    async risk(actor: Actor, personId: string, riskId?: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        if (!riskId) return { person, risk: null };
        const [risk] = await tx
          .select()
          .from(risks)
          .where(and(eq(risks.id, riskId), eq(risks.personId, personId), isNull(risks.endedAt)));
        if (!risk) throw notFound();
        return { person, risk };
      });
    },

    async addRisk(actor: Actor, personId: string, input: RiskInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const id = randomUUID();
        await tx.insert(risks).values({ id, schemeId: inScheme(actor).schemeId, personId, ...input, recordedByUserId: actor.userId });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'risk',
          recordId: id,
          subjectUserId: person.userId,
          changes: { personId, ...input },
        });
        return { id };
      });
    },

    async updateRisk(actor: Actor, personId: string, riskId: string, input: RiskInput & { ended: boolean }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const { ended, ...fields } = input;
        const [updated] = await tx
          .update(risks)
          .set({ ...fields, updatedAt: new Date(), endedAt: ended ? new Date() : null })
          .where(and(eq(risks.id, riskId), eq(risks.personId, personId), isNull(risks.endedAt)))
          .returning({ id: risks.id });
        if (!updated) throw notFound();
        await audit(tx, actor, {
          action: ended ? 'ended' : 'updated',
          recordType: 'risk',
          recordId: riskId,
          subjectUserId: person.userId,
          changes: { ...fields, ended },
        });
      });
    },

    async place(actor: Actor, personId: string, placeId?: string) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        if (!placeId) return { person, place: null };
        const [place] = await placesOf(tx, personId, placeId);
        if (!place) throw notFound();
        return { person, place };
      });
    },

    /** A place that matters, located by its postcode; one Hearth does not know is kept, its distance not known. */
    async addPlace(actor: Actor, personId: string, input: PlaceInput) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const id = randomUUID();
        const location = await locationOf(locate, tx, input.postcode);
        await tx
          .insert(personPlaces)
          .values({ id, schemeId: inScheme(actor).schemeId, personId, ...input, ...location, recordedByUserId: actor.userId });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'place that matters',
          recordId: id,
          subjectUserId: person.userId,
          changes: { personId, ...input, located: location.latitude !== null },
        });
        return { id };
      });
    },

    /** Changes a place (a new postcode moves it), or removes it from the record. */
    async updatePlace(actor: Actor, personId: string, placeId: string, input: PlaceInput & { removed: boolean }) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const person = await withPerson(actor, personId, tx);
        const { removed, ...fields } = input;
        const where = and(eq(personPlaces.id, placeId), eq(personPlaces.personId, personId));
        const [changed] = removed
          ? await tx.delete(personPlaces).where(where).returning({ id: personPlaces.id })
          : await tx
              .update(personPlaces)
              .set({ ...fields, ...(await locationOf(locate, tx, fields.postcode)), updatedAt: new Date() })
              .where(where)
              .returning({ id: personPlaces.id });
        if (!changed) throw notFound();
        await audit(tx, actor, {
          action: removed ? 'ended' : 'updated',
          recordType: 'place that matters',
          recordId: placeId,
          subjectUserId: person.userId,
          changes: { ...fields, removed },
        });
      });
    },

    /** The scheme's support needs, for its manager to add to and retire from. */
    async categories(actor: Actor) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        await ensureDefaultCategories(tx, inScheme(actor).schemeId);
        return categoriesOf(tx, { includeRetired: true, withUse: true });
      });
    },

    async addCategory(actor: Actor, name: string) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        await ensureDefaultCategories(tx, inScheme(actor).schemeId);
        const [existing] = await tx
          .select({ id: supportNeedCategories.id, retiredAt: supportNeedCategories.retiredAt })
          .from(supportNeedCategories)
          .where(sql`lower(${supportNeedCategories.name}) = lower(${name})`);
        if (existing && !existing.retiredAt) throw new InputProblem('name', 'This scheme already has that support need');
        const id = existing?.id ?? randomUUID();
        if (existing) await tx.update(supportNeedCategories).set({ name, retiredAt: null }).where(eq(supportNeedCategories.id, id));
        else await tx.insert(supportNeedCategories).values({ id, schemeId: inScheme(actor).schemeId, name });
        await audit(tx, actor, {
          action: existing ? 'updated' : 'created',
          recordType: 'support need category',
          recordId: id,
          changes: { name, retired: false },
        });
      });
    },

    /** Retired needs stay on the records that have them, but are no longer offered. */
    async retireCategory(actor: Actor, categoryId: string) {
      if (actor.role !== 'scheme_manager') throw forbidden();
      return db.inScope(actor, async (tx) => {
        const [retired] = await tx
          .update(supportNeedCategories)
          .set({ retiredAt: new Date() })
          .where(and(eq(supportNeedCategories.id, categoryId), isNull(supportNeedCategories.retiredAt)))
          .returning({ name: supportNeedCategories.name });
        if (!retired) throw notFound();
        await audit(tx, actor, {
          action: 'ended',
          recordType: 'support need category',
          recordId: categoryId,
          changes: { name: retired.name, retired: true },
        });
      });
    },
  };
}

/** A scheme starts with Hearth's default support needs, the first time any are asked for. */
export async function ensureDefaultCategories(tx: Tx, schemeId: string) {
  const [any] = await tx.select({ id: supportNeedCategories.id }).from(supportNeedCategories).limit(1);
  if (any) return;
  await tx
    .insert(supportNeedCategories)
    .values(DEFAULT_SUPPORT_NEEDS.map((name) => ({ schemeId, name })))
    .onConflictDoNothing();
}

async function categoriesOf(tx: Tx, options: { includeRetired: boolean; withUse?: boolean }) {
  return tx
    .select({
      id: supportNeedCategories.id,
      name: supportNeedCategories.name,
      retiredAt: supportNeedCategories.retiredAt,
      people: options.withUse
        ? sql<number>`(select count(*)::int from ${personSupportNeeds} where ${personSupportNeeds.categoryId} = ${supportNeedCategories.id})`
        : sql<number>`0`,
    })
    .from(supportNeedCategories)
    .where(options.includeRetired ? undefined : isNull(supportNeedCategories.retiredAt))
    .orderBy(asc(supportNeedCategories.name));
}

export async function needsOf(tx: Tx, personId: string) {
  const categories = await tx
    .select({ id: supportNeedCategories.id, name: supportNeedCategories.name })
    .from(personSupportNeeds)
    .innerJoin(supportNeedCategories, eq(supportNeedCategories.id, personSupportNeeds.categoryId))
    .where(eq(personSupportNeeds.personId, personId))
    .orderBy(asc(supportNeedCategories.name));
  const [summary] = await tx
    .select({ supportNeeds: needsSummaries.supportNeeds, health: needsSummaries.health, medication: needsSummaries.medication })
    .from(needsSummaries)
    .where(eq(needsSummaries.personId, personId));
  return { needs: categories, summary: summary ?? null };
}

export async function preferencesOf(tx: Tx, personId: string) {
  const [row] = await tx.select().from(matchingPreferences).where(eq(matchingPreferences.personId, personId));
  return row ?? null;
}

/** A person's places that matter, oldest first (or `only` one of them), with whether each is located. */
export async function placesOf(tx: Tx, personId: string, only?: string) {
  return tx
    .select({
      id: personPlaces.id,
      label: personPlaces.label,
      kind: personPlaces.kind,
      postcode: personPlaces.postcode,
      located: sql<boolean>`${personPlaces.latitude} is not null`,
    })
    .from(personPlaces)
    .where(and(eq(personPlaces.personId, personId), only ? eq(personPlaces.id, only) : undefined))
    .orderBy(asc(personPlaces.createdAt), asc(personPlaces.id));
}

export async function risksOf(tx: Tx, personId: string) {
  return tx
    .select({
      id: risks.id,
      risk: risks.risk,
      positiveSteps: risks.positiveSteps,
      agreedWith: risks.agreedWith,
      updatedAt: risks.updatedAt,
    })
    .from(risks)
    .where(and(eq(risks.personId, personId), isNull(risks.endedAt)))
    .orderBy(asc(risks.createdAt));
}

export type NeedsService = ReturnType<typeof needsService>;
