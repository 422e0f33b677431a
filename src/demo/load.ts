import { sql } from 'drizzle-orm';
import { hashPassword } from '../platform/auth/passwords.js';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import {
  circleConsents,
  circleMembers,
  communicationNeeds,
  matchingPreferences,
  needsSummaries,
  onePageProfiles,
  people,
  personStatusChanges,
  personSupportNeeds,
  referrals,
  risks,
  personPlaces,
  supportNeedCategories,
} from '../people/schema.js';
import type { DemoPeople } from './people.js';
import { carerHomes, carerReviews, carers, carerStageChanges, householdMembers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import { checkRecords, checkTypes } from '../carers/checks/schema.js';
import { approvalPanels, panelCases, panelMembers, panelViews } from '../panel/schema.js';
import type { DemoCarerData } from './carers.js';
import { availability, bookings, carerBreaks, respiteAllowances } from '../short-breaks/schema.js';
import type { DemoShortBreaks } from './short-breaks.js';
import type { Hours, Nights } from '../short-breaks/ranges.js';
import { insertMany } from './bulk.js';
import { demoPostcodes } from './postcodes.js';
import { postcodes } from '../postcodes/schema.js';
import { addDemoMatching } from './matching.js';
import {
  agreementAcknowledgements,
  agreements,
  agreementTemplates,
  arrangements,
  arrangementStatusChanges,
} from '../arrangements/schema.js';
import { supportPlanMessages, supportPlanProposals, supportPlans, supportPlanVersions } from '../support-plans/schema.js';
import type { DemoSupportPlans } from './support-plans.js';
import { addGeneratedNotes } from '../notes/generated.js';
import { incidentFollowUps, incidents } from '../incidents/schema.js';
import {
  arrangementReviews,
  reviewActions,
  reviewCarerViews,
  reviewPersonViews,
  reviewPrivateNotes,
  reviewRatings,
} from '../reviews/schema.js';
import type { DemoReviews } from './reviews.js';
import { memberships, schemes, users } from '../platform/db/schema.js';
import type { DemoData } from './generate.js';

export interface DemoCounts {
  schemes: number;
  users: number;
  memberships: number;
  /** Records of people who use Shared Lives. */
  people: number;
  /** Carers' records (with their households, checks, reviews and panels). */
  carers: number;
  /** Matching proposals in the showcase scheme, made once its records are in. */
  proposals: number;
  /** Short break and day support bookings (with carers' availability and breaks). */
  bookings: number;
  /** Arrangements (with their history and agreements). */
  arrangements: number;
  /** Support plans (with their versions, proposals and replies). */
  supportPlans: number;
  /** Daily notes, made by the database for the arrangements this load added. */
  notes: number;
  /** Incidents and safeguarding concerns (with their follow-ups). */
  incidents: number;
  /** Arrangement reviews and visits (with views, ratings and actions). */
  reviews: number;
  /** Where the demo's postcodes are (src/demo/postcodes.ts). */
  postcodes: number;
}

const ROWS_PER_INSERT = 1_000;

/**
 * Loads demo data through the owner's connection in one transaction. Rows already there are
 * left alone, so loading twice leaves one copy. Returns how many rows were added.
 * Every demo user gets the same hash of the demo password: it is hashed once, not 23,000 times.
 */
export async function loadDemo(db: Database, data: DemoData, options: { password: string }): Promise<DemoCounts> {
  const passwordHash = await hashPassword(options.password);
  const counts = await db.owner.transaction(async (tx) => {
    const before = {
      people: await existing(
        tx,
        'people',
        data.people.people.map((p) => p.id!),
      ),
      carers: await existing(
        tx,
        'carers',
        data.carers.carers.map((c) => c.id!),
      ),
    };
    return {
      schemes: await inChunks(data.schemes, (chunk) =>
        tx.insert(schemes).values(chunk).onConflictDoNothing().returning({ id: schemes.id }),
      ),
      users: await inChunks(data.users, (chunk) =>
        tx
          .insert(users)
          .values(chunk.map((user) => ({ ...user, passwordHash })))
          .onConflictDoNothing()
          .returning({ id: users.id }),
      ),
      memberships: await inChunks(data.memberships, (chunk) =>
        tx.insert(memberships).values(chunk).onConflictDoNothing().returning({ id: memberships.id }),
      ),
      people: await loadPeople(tx, data.people),
      carers: await loadCarers(tx, data.carers),
      postcodes: await insertMany(tx, postcodes, demoPostcodes(data)),
      bookings: await loadShortBreaks(tx, data.shortBreaks),
      ...(await loadArrangements(tx, data, before)),
      supportPlans: await loadSupportPlans(tx, data.supportPlans),
      reviews: await loadReviews(
        tx,
        data.reviews,
        await existing(
          tx,
          'arrangements',
          data.arrangements.arrangements.map((a) => a.id),
        ),
      ),
    };
  });
  return { ...counts, proposals: await addDemoMatching(db, data, data.today) };
}

/**
 * Arrangements between people and carers this load added, with their history and agreements.
 * Another seed's demo loaded beside the first keeps the first's people and carers, so its own
 * arrangements for them would not fit the terms and statuses already there: they are left out.
 */
async function loadArrangements(tx: Tx, all: DemoData, before: { people: Set<string>; carers: Set<string> }) {
  const data = all.arrangements;
  await insertMany(tx, agreementTemplates, data.templates);
  const kept = data.arrangements.filter((a) => !before.people.has(a.personId) && !before.carers.has(a.carerId));
  const ids = new Set(kept.map((a) => a.id));
  const added = await insertMany(tx, arrangements, kept);
  await insertMany(
    tx,
    arrangementStatusChanges,
    data.statusChanges.filter((c) => ids.has(c.arrangementId)),
  );
  const agreementsKept = data.agreements.filter((a) => ids.has(a.arrangementId));
  const agreementIds = new Set(agreementsKept.map((a) => a.id!));
  await insertMany(tx, agreements, agreementsKept);
  await insertMany(
    tx,
    agreementAcknowledgements,
    data.acknowledgements.filter((a) => agreementIds.has(a.agreementId)),
  );
  const living = all.livingTogether;
  const notes = ids.size ? await addGeneratedNotes(tx, { ...living.notes, today: all.today, arrangementIds: [...ids] }) : 0;
  const incidentsKept = living.incidents.filter((i) => ids.has(i.arrangementId));
  const incidentIds = new Set(incidentsKept.map((i) => i.id!));
  const incidentsAdded = await insertMany(tx, incidents, incidentsKept);
  await insertMany(
    tx,
    incidentFollowUps,
    living.followUps.filter((f) => incidentIds.has(f.incidentId)),
  );
  return { arrangements: added, notes, incidents: incidentsAdded };
}

/** Support plans of the arrangements that are there, with their versions, proposals and replies. */
async function loadSupportPlans(tx: Tx, data: DemoSupportPlans): Promise<number> {
  const present = new Set(
    (
      await rowsOf<{ id: string }>(
        tx,
        sql`select id from arrangements where id = any(${`{${data.plans.map((p) => p.arrangementId).join(',')}}`}::uuid[])`,
      )
    ).map((r) => r.id),
  );
  const kept = data.plans.filter((p) => present.has(p.arrangementId));
  const ids = new Set(kept.map((p) => p.id));
  const added = await insertMany(tx, supportPlans, kept);
  await insertMany(
    tx,
    supportPlanVersions,
    data.versions.filter((v) => ids.has(v.planId)),
  );
  const proposals = data.proposals.filter((p) => ids.has(p.planId));
  await insertMany(tx, supportPlanProposals, proposals);
  const proposalIds = new Set(proposals.map((p) => p.id));
  await insertMany(
    tx,
    supportPlanMessages,
    data.messages.filter((m) => proposalIds.has(m.proposalId)),
  );
  return added;
}

/** Reviews of the arrangements now loaded, with their parts. */
async function loadReviews(tx: Tx, data: DemoReviews, arrangementIds: Set<string>): Promise<number> {
  const kept = data.reviews.filter((r) => arrangementIds.has(r.arrangementId));
  const ids = new Set(kept.map((r) => r.id!));
  const added = await insertMany(tx, arrangementReviews, kept);
  await insertMany(
    tx,
    reviewPersonViews,
    data.personViews.filter((v) => ids.has(v.reviewId)),
  );
  await insertMany(
    tx,
    reviewCarerViews,
    data.carerViews.filter((v) => ids.has(v.reviewId)),
  );
  await insertMany(
    tx,
    reviewRatings,
    data.ratings.filter((v) => ids.has(v.reviewId)),
  );
  await insertMany(
    tx,
    reviewActions,
    data.actions.filter((v) => ids.has(v.reviewId)),
  );
  await insertMany(
    tx,
    reviewPrivateNotes,
    data.privateNotes.filter((v) => ids.has(v.reviewId)),
  );
  return added;
}

async function existing(tx: Tx, table: 'people' | 'carers' | 'arrangements', ids: string[]): Promise<Set<string>> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`select id from ${sql.identifier(table)} where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Set(rows.map((r) => r.id));
}

/** People's records, parents before children; returns how many person records were added. */
async function loadPeople(tx: Tx, data: DemoPeople): Promise<number> {
  const load = <T extends PgTable>(table: T, rows: T['$inferInsert'][]) =>
    inChunks(rows, async (chunk) => {
      await tx.insert(table).values(chunk).onConflictDoNothing();
      return [];
    });
  await load(supportNeedCategories, data.categories);
  const added = await inChunks(data.people, (chunk) => tx.insert(people).values(chunk).onConflictDoNothing().returning({ id: people.id }));
  await load(personStatusChanges, data.statusChanges);
  await load(referrals, data.referrals);
  await load(onePageProfiles, data.profiles);
  await load(communicationNeeds, data.communication);
  await load(personSupportNeeds, data.needs);
  await load(needsSummaries, data.summaries);
  await load(matchingPreferences, data.preferences);
  await load(risks, data.risks);
  await load(personPlaces, data.places);
  await load(circleMembers, data.circleMembers);
  await load(circleConsents, data.consents);
  return added;
}

/** Carers' records, parents before children, many rows to a statement; returns how many carers were added. */
async function loadCarers(tx: Tx, data: DemoCarerData): Promise<number> {
  await insertMany(tx, checkTypes, data.checkTypes);
  const added = await insertMany(tx, carers, data.carers);
  await insertMany(tx, carerHomes, data.carerHomes);
  await insertMany(tx, householdMembers, data.householdMembers);
  await insertMany(tx, carerStageChanges, data.carerStageChanges);
  await insertMany(tx, approvalPanels, data.approvalPanels);
  await insertMany(tx, panelMembers, data.panelMembers);
  await insertMany(tx, panelCases, data.panelCases);
  await insertMany(tx, panelViews, data.panelViews);
  await insertMany(tx, carerApprovals, data.carerApprovals);
  await insertMany(tx, checkRecords, data.checkRecords);
  await insertMany(tx, carerReviews, data.carerReviews);
  return added;
}

/** Short breaks after the carers and people they join; returns how many bookings were added. */
async function loadShortBreaks(tx: Tx, data: DemoShortBreaks): Promise<number> {
  await insertMany(tx, availability, data.availability.map(asRanges));
  const added = await insertMany(tx, bookings, data.bookings.map(asRanges));
  await insertMany(tx, carerBreaks, data.carerBreaks.map(asRanges));
  await insertMany(tx, respiteAllowances, data.respiteAllowances);
  return added;
}

/** Ranges as PostgreSQL reads them: insertMany sends rows as JSON, past the columns' own conversion. */
function asRanges<T extends { nights?: Nights | null; hours?: Hours | null }>(row: T): T {
  return {
    ...row,
    ...(row.nights ? { nights: `[${row.nights.from},${row.nights.to})` } : {}),
    ...(row.hours ? { hours: `[${row.hours.from.toISOString()},${row.hours.to.toISOString()})` } : {}),
  };
}

/** Whether any scheme exists: start-up loads the small demo only into an empty database. */
export async function hasAnyScheme(db: Database): Promise<boolean> {
  const found = await db.owner
    .select({ one: sql`1` })
    .from(schemes)
    .limit(1);
  return found.length > 0;
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown[]>): Promise<number> {
  let added = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    added += (await insert(rows.slice(start, start + ROWS_PER_INSERT))).length;
  }
  return added;
}
