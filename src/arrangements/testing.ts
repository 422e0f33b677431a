import { randomUUID } from 'node:crypto';
import { carerApprovals } from '../carers/approval-schema.js';
import { aCarer } from '../carers/testing.js';
import type { ArrangementType } from '../carers/terms.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { ConsentArea } from '../people/words.js';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addDefaultAgreementTemplates } from './agreements-service.js';
import { arrangements } from './schema.js';
import type { ArrangementStatus } from './status.js';

/** Test data for arrangements, through the owner's connection: each call makes new, fictional rows. */

/** An approved carer with their approval terms (an approval from before Hearth, so no panel case is needed). */
export async function anApprovedCarer(
  db: Database,
  options: { schemeId: string; maxPeople?: number; types?: ArrangementType[]; userId?: string | null; name?: string },
) {
  const carer = await aCarer(db, { schemeId: options.schemeId, stage: 'approved', userId: options.userId ?? null, name: options.name });
  await db.owner.insert(carerApprovals).values({
    schemeId: options.schemeId,
    carerId: carer.id,
    decision: 'approved',
    decidedOn: carer.approvedOn!,
    basis: 'earlier_record',
    maxPeople: options.maxPeople ?? 2,
    arrangementTypes: options.types ?? ['live_in', 'short_breaks', 'day_support'],
    needs: [],
  });
  return carer;
}

export async function anArrangement(
  db: Database,
  options: {
    schemeId: string;
    personId: string;
    carerId: string;
    type?: ArrangementType;
    status?: ArrangementStatus;
    startsOn?: string;
    workerUserId?: string | null;
  },
) {
  const status = options.status ?? 'active';
  const startsOn = options.startsOn ?? '2026-01-10';
  const ended = status === 'ended';
  const [row] = await db.owner
    .insert(arrangements)
    .values({
      id: randomUUID(),
      schemeId: options.schemeId,
      personId: options.personId,
      carerId: options.carerId,
      type: options.type ?? 'live_in',
      status,
      statusSince: startsOn,
      startsOn,
      funder: 'council',
      workerUserId: options.workerUserId ?? null,
      ...(ended ? { endedOn: startsOn, endKind: 'planned' as const, endReason: 'A test ending', whatsNext: 'Moved on' } : {}),
    })
    .returning();
  return row!;
}

/** The default agreement templates, as a new scheme gets them. */
export async function defaultAgreementTemplates(db: Database, schemeId: string) {
  await db.owner.transaction((tx) => addDefaultAgreementTemplates(tx as never, schemeId));
}

/**
 * A scheme with someone in every role around its arrangements, and a second scheme beside it: for
 * tests that compare who may see what. The person's circle has three members: one the person shares
 * daily notes with, one only their support plan, one nothing. The carer with a sign-in supports the
 * person and someone else; another carer supports someone else too.
 */
export async function everyoneAroundArrangements(db: Database) {
  const schemeId = (await aScheme(db)).id;
  const otherSchemeId = (await aScheme(db)).id;
  const actors: Actor[] = [];
  const as = async (role: Role, scheme = schemeId): Promise<Actor> => {
    const user = await aUser(db, { role, schemeId: scheme });
    const actor = { userId: user.id, schemeId: scheme, role, name: user.name, unit: null };
    actors.push(actor);
    return actor;
  };
  for (const role of ['scheme_manager', 'scheme_worker', 'panel_member', 'ambassador', 'commissioner'] as const) await as(role);
  const [carer, person] = [await as('carer'), await as('person')];
  const circle = [await as('circle_member'), await as('circle_member'), await as('circle_member')];
  await as('scheme_manager', otherSchemeId);
  const theirCarer = await anApprovedCarer(db, { schemeId, userId: carer.userId, maxPeople: 3 });
  const anotherCarer = await anApprovedCarer(db, { schemeId, maxPeople: 3 });
  const them = await aPerson(db, { schemeId, status: 'supported', userId: person.userId });
  const someoneElse = await aPerson(db, { schemeId, status: 'supported' });
  const consents: ConsentArea[][] = [['daily_notes'], ['support_plan'], []];
  for (const [i, member] of circle.entries()) await aCircleMember(db, them, { userId: member.userId, consents: consents[i] });
  const arrangementsInScheme = [
    await anArrangement(db, { schemeId, personId: them.id, carerId: theirCarer.id }),
    await anArrangement(db, { schemeId, personId: someoneElse.id, carerId: anotherCarer.id }),
    await anArrangement(db, { schemeId, personId: someoneElse.id, carerId: theirCarer.id, type: 'short_breaks' }),
  ];
  const elsewhere = await anApprovedCarer(db, { schemeId: otherSchemeId });
  const otherPerson = await aPerson(db, { schemeId: otherSchemeId, status: 'supported' });
  await anArrangement(db, { schemeId: otherSchemeId, personId: otherPerson.id, carerId: elsewhere.id });
  return { actors, arrangements: arrangementsInScheme };
}
