import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { testDatabase } from '../platform/testing/database.js';
import {
  arrangementReviews,
  reviewActions,
  reviewCarerViews,
  reviewPersonViews,
  reviewPrivateNotes,
  reviewRatings,
  reviewSettings,
} from './schema.js';
import { aReview } from './testing.js';

/** The database's own word on who sees and writes reviews (row-level security), whatever the query. */
describe('arrangement reviews in the database', () => {
  let db: Database;
  let schemeId = '';
  let arrangementId = '';
  let completedId = '';
  let openId = '';
  const actors = {} as Record<
    'staff' | 'manager' | 'otherStaff' | 'ownCarer' | 'otherCarer' | 'ownPerson' | 'otherPerson' | 'consented' | 'profileOnly' | 'panel',
    Actor
  >;

  beforeAll(async () => {
    db = await testDatabase();
    schemeId = (await aScheme(db)).id;
    const otherSchemeId = (await aScheme(db)).id;
    const as = async (key: keyof typeof actors, role: Actor['role'] & string, scheme = schemeId) => {
      const user = await aUser(db, { role: role, schemeId: scheme });
      actors[key] = { userId: user.id, schemeId: scheme, role: role, name: user.name };
      return user.id;
    };
    await as('staff', 'scheme_worker');
    await as('manager', 'scheme_manager');
    await as('otherStaff', 'scheme_manager', otherSchemeId);
    await as('panel', 'panel_member');
    const carer = await anApprovedCarer(db, { schemeId, userId: await as('ownCarer', 'carer') });
    await anApprovedCarer(db, { schemeId, userId: await as('otherCarer', 'carer') });
    const person = await aPerson(db, { schemeId, status: 'supported', userId: await as('ownPerson', 'person') });
    await aPerson(db, { schemeId, status: 'supported', userId: await as('otherPerson', 'person') });
    await aCircleMember(db, person, { userId: await as('consented', 'circle_member'), consents: ['support_plan'] });
    await aCircleMember(db, person, { userId: await as('profileOnly', 'circle_member'), consents: ['profile'] });
    arrangementId = (await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id })).id;
    completedId = (await aReview(db, { schemeId, arrangementId, rating: 4 })).id;
    openId = (await aReview(db, { schemeId, arrangementId, heldOn: '2027-01-10' })).id;
    await db.owner.insert(reviewPrivateNotes).values({ reviewId: completedId, schemeId, note: 'For staff only' });
    await db.owner
      .insert(reviewActions)
      .values({ reviewId: completedId, schemeId, position: 0, action: 'Swimming', who: 'Carer', byWhen: '2026-04-01' });
    await db.owner.insert(reviewCarerViews).values({ reviewId: completedId, schemeId, goingWell: 'Fine' });
  });
  afterAll(async () => db.close());

  const seen = (actor: Actor) =>
    db.inScope(actor, async (tx) => ({
      reviews: (await tx.select({ id: arrangementReviews.id }).from(arrangementReviews)).length,
      ratings: (await tx.select().from(reviewRatings)).length,
      actions: (await tx.select().from(reviewActions)).length,
      views: (await tx.select().from(reviewPersonViews)).length + (await tx.select().from(reviewCarerViews)).length,
      privateNotes: (await tx.select().from(reviewPrivateNotes)).length,
    }));

  it('shows staff everything, private notes too', async () => {
    expect(await seen(actors.staff)).toEqual({ reviews: 2, ratings: 9, actions: 1, views: 2, privateNotes: 1 });
  });

  it('shows the carer, the person and a circle member with consent to see the support plan the review, never the private notes', async () => {
    for (const who of ['ownCarer', 'ownPerson', 'consented'] as const) {
      expect(await seen(actors[who]), who).toEqual({ reviews: 2, ratings: 9, actions: 1, views: 2, privateNotes: 0 });
    }
  });

  it('shows nothing to another carer or person, a circle member without that consent, a panel member or another scheme', async () => {
    for (const who of ['otherCarer', 'otherPerson', 'profileOnly', 'panel', 'otherStaff'] as const) {
      expect(await seen(actors[who]), who).toEqual({ reviews: 0, ratings: 0, actions: 0, views: 0, privateNotes: 0 });
    }
  });

  const refused = async (work: Promise<unknown>) =>
    work.then(
      () => null,
      (e: unknown) => (e as { cause?: { message?: string } }).cause?.message ?? String(e),
    );
  const personView = (actor: Actor, reviewId: string) =>
    db.inScope(actor, (tx) => tx.insert(reviewPersonViews).values({ reviewId, schemeId, answers: { carer: 'happy' } }));
  const carerView = (actor: Actor, reviewId: string) =>
    db.inScope(actor, (tx) => tx.insert(reviewCarerViews).values({ reviewId, schemeId, goingWell: 'Yes' }));

  it('lets the person write only their own view, and the carer only theirs, while the review is open', async () => {
    expect(await refused(personView(actors.ownCarer, openId))).toMatch(/row-level security/);
    expect(await refused(personView(actors.otherPerson, openId))).toMatch(/row-level security/);
    expect(await refused(personView(actors.consented, openId))).toMatch(/row-level security/);
    expect(await refused(carerView(actors.ownPerson, openId))).toMatch(/row-level security/);
    expect(await refused(carerView(actors.otherCarer, openId))).toMatch(/row-level security/);
    expect(await refused(personView(actors.ownPerson, openId))).toBeNull();
    expect(await refused(carerView(actors.ownCarer, openId))).toBeNull();
    const changed = await db.inScope(actors.ownCarer, (tx) =>
      tx.update(reviewCarerViews).set({ goingWell: 'Changed' }).where(eq(reviewCarerViews.reviewId, completedId)).returning(),
    );
    expect(changed).toEqual([]);
  });

  it('keeps a completed review as it was: no new ratings or actions, even from staff', async () => {
    expect(
      await refused(
        db.inScope(actors.staff, (tx) => tx.insert(reviewRatings).values({ reviewId: completedId, schemeId, area: 'dignity', rating: 1 })),
      ),
    ).toMatch(/row-level security/);
    expect(
      await refused(
        db.inScope(actors.staff, (tx) =>
          tx.insert(reviewActions).values({ reviewId: completedId, schemeId, position: 1, action: 'Late', who: 'W', byWhen: '2026-05-01' }),
        ),
      ),
    ).toMatch(/row-level security/);
    const deleted = await db.inScope(actors.staff, (tx) =>
      tx.delete(reviewRatings).where(eq(reviewRatings.reviewId, completedId)).returning(),
    );
    expect(deleted).toEqual([]);
  });

  it('lets only staff plan reviews, only the manager set the schedule, and refuses ratings out of range', async () => {
    const plan = (actor: Actor) =>
      db.inScope(actor, (tx) => tx.insert(arrangementReviews).values({ schemeId, arrangementId, kind: 'review', heldOn: '2027-02-01' }));
    expect(await refused(plan(actors.ownCarer))).toMatch(/row-level security/);
    expect(await refused(plan(actors.ownPerson))).toMatch(/row-level security/);
    const settings = (actor: Actor) => db.inScope(actor, (tx) => tx.insert(reviewSettings).values({ schemeId, visitMonths: 3 }));
    expect(await refused(settings(actors.staff))).toMatch(/row-level security/);
    expect(await refused(settings(actors.manager))).toBeNull();
    expect(
      await refused(
        db.inScope(actors.staff, (tx) => tx.insert(reviewRatings).values({ reviewId: openId, schemeId, area: 'health', rating: 6 })),
      ),
    ).toMatch(/review_ratings_range/);
    const [{ n }] = (await rowsOf<{ n: number }>(
      db.owner,
      sql`select count(*)::int as n from arrangement_reviews where arrangement_id = ${arrangementId}`,
    )) as [{ n: number }];
    expect(n).toBe(2);
  });
});
