import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/db/database.js';
import { circleConsents, circleMembers, communicationNeeds, onePageProfiles, people, personStatusChanges, referrals } from './schema.js';
import type { PersonStatus } from './status.js';
import type { ConsentArea } from './words.js';

/** Test data builders for people's records, through the owner's connection. Every call makes new rows. */

export async function aPerson(
  db: Database,
  options: { schemeId: string; status?: PersonStatus; userId?: string | null; name?: string } & Partial<typeof people.$inferInsert>,
) {
  const { status = 'referred', name, ...rest } = options;
  const id = randomUUID();
  const [row] = await db.owner
    .insert(people)
    .values({
      id,
      name: name ?? `Test Person ${id.slice(0, 4)}`,
      status,
      statusSince: '2026-01-05',
      arrangementTypes: status === 'supported' ? ['live_in'] : [],
      ...rest,
    })
    .returning();
  await db.owner.insert(personStatusChanges).values({ schemeId: options.schemeId, personId: id, toStatus: status, on: '2026-01-05' });
  return row!;
}

export async function aReferral(
  db: Database,
  person: { id: string; schemeId: string },
  overrides: Partial<typeof referrals.$inferInsert> = {},
) {
  const [row] = await db.owner
    .insert(referrals)
    .values({
      schemeId: person.schemeId,
      personId: person.id,
      source: 'social_worker',
      referrerName: 'Robin Referrer',
      receivedOn: '2026-01-05',
      reason: 'Wants to leave residential care',
      urgency: 'soon',
      whatTheyWant: 'To live with a family near her sister',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function aCircleMember(
  db: Database,
  person: { id: string; schemeId: string },
  options: { userId?: string | null; name?: string; consents?: ConsentArea[] } = {},
) {
  const [member] = await db.owner
    .insert(circleMembers)
    .values({
      schemeId: person.schemeId,
      personId: person.id,
      name: options.name ?? 'Jo Circle',
      relationship: 'family',
      relationshipDetail: 'sister',
      userId: options.userId ?? null,
    })
    .returning();
  if (options.consents?.length) {
    await db.owner
      .insert(circleConsents)
      .values(options.consents.map((area) => ({ schemeId: person.schemeId, personId: person.id, circleMemberId: member!.id, area })));
  }
  return member!;
}

export async function aProfile(
  db: Database,
  person: { id: string; schemeId: string },
  overrides: Partial<typeof onePageProfiles.$inferInsert> = {},
) {
  const [row] = await db.owner
    .insert(onePageProfiles)
    .values({
      schemeId: person.schemeId,
      personId: person.id,
      version: 1,
      likeAndAdmire: 'I make people laugh',
      importantToMe: 'Seeing my sister on Sundays',
      howToSupportMe: 'Give me time to answer',
      writtenWith: 'my sister Jo',
      inOwnWords: true,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function someCommunicationNeeds(
  db: Database,
  person: { id: string; schemeId: string },
  overrides: Partial<typeof communicationNeeds.$inferInsert> = {},
) {
  await db.owner.insert(communicationNeeds).values({
    schemeId: person.schemeId,
    personId: person.id,
    needs: ['easy_read', 'bsl'],
    preferredContact: 'text_message',
    ...overrides,
  });
}
