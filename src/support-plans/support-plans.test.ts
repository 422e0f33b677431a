import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { expectEasyRead } from '../platform/easy-read/testing.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { supportPlanProposals, supportPlans, supportPlanVersions } from './schema.js';

const firstPlan = {
  version: '0',
  goals: 'I want to go swimming.\nI want to cook a curry.',
  dailySupport: 'Remind me to take my bag.',
  'risk-1': 'Busy roads.',
  'steps-1': 'We practise the walk to the pool.',
  medication: 'An inhaler in the morning.',
  importantPeople: 'My sister Jo.',
  routines: 'Tea at six.',
  reason: 'Written with Ana at her first visit',
};

const idFrom = (location: unknown) => /proposals\/([0-9a-f-]{36})/.exec(String(location))![1]!;

describe('support plans, through the pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  const visitors = {} as Record<'worker' | 'manager' | 'carer' | 'person' | 'circle' | 'outsider', Visitor>;
  let arrangementId = '';
  let path = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const schemeId = (await aScheme(db)).id;
    const roles = {
      worker: 'scheme_worker',
      manager: 'scheme_manager',
      carer: 'carer',
      person: 'person',
      circle: 'circle_member',
      outsider: 'circle_member',
    } as const;
    const users: Record<string, string> = {};
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      const user = await aUser(db, { role, schemeId, name: key === 'person' ? 'Ana Example' : undefined });
      users[key] = user.id;
      visitors[key] = new Visitor(app);
      await visitors[key].signIn(user.email);
    }
    const person = await aPerson(db, { schemeId, status: 'supported', userId: users.person!, name: 'Ana Example' });
    await aCircleMember(db, person, { userId: users.circle!, consents: ['support_plan'] });
    await aCircleMember(db, person, { userId: users.outsider!, consents: ['profile'] });
    const carer = await anApprovedCarer(db, { schemeId, userId: users.carer!, name: 'Ben Carer' });
    arrangementId = (await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id, workerUserId: users.worker! })).id;
    path = `/arrangements/${arrangementId}/plan`;
  });
  afterAll(async () => close());

  it('the worker writes the first version; empty parts are refused with what to fix', async () => {
    expect((await visitors.worker.get(path)).body).toContain('Write the support plan');
    await visitors.worker.get(`${path}/edit`);
    const empty = await visitors.worker.post(path, { version: '0', 'steps-2': 'Only steps' });
    expect(empty.statusCode).toBe(400);
    for (const message of [
      'Write their goals, in their own words',
      'Say what good support looks like day to day',
      'Say what the risk is in risk 2',
      'Say what changed and why',
    ])
      expect(empty.body).toContain(message);
    expect(empty.body).toContain('Only steps');
    const saved = await visitors.worker.post(path, firstPlan);
    expect(saved.headers.location).toBe(`${path}?saved=saved`);
    const page = await visitors.worker.get(saved.headers.location as string);
    expect(page.body).toContain('Version 1');
    expect(page.body).toContain('We practise the walk to the pool.');
  });

  it('shows the plan to the carer, the person and their circle with consent; not to a circle member without it', async () => {
    expect((await visitors.carer.get(path)).body).toContain('Comment or propose a change');
    expect((await visitors.person.get(path)).body).toContain('What I want to do');
    expect((await visitors.circle.get(path)).body).toContain('I want to cook a curry.');
    const outsider = await visitors.outsider.get(path);
    expect(outsider.statusCode).toBe(200);
    expect(outsider.body).toContain('not shared with you');
    expect(outsider.body).not.toContain('curry');
    expect((await visitors.outsider.get(`${path}/versions/1`)).statusCode).toBe(404);
    expect((await visitors.outsider.get(`${path}/propose`)).statusCode).toBe(404);
  });

  it('the person proposes a change; the worker discusses it, then accepts it as a new version; everyone sees it accepted', async () => {
    await visitors.person.get(`${path}/propose?section=goals`);
    const proposed = await visitors.person.post(`${path}/proposals`, {
      section: 'goals',
      kind: 'change',
      words: 'I want to go to the football on Saturdays.',
    });
    expect(proposed.statusCode).toBe(302);
    const proposalId = idFrom(proposed.headers.location);
    expect((await visitors.carer.get(path)).body).toContain('Waiting for the worker');

    const list = await visitors.worker.get('/support-plans/proposals');
    expect(list.body).toContain('I want to go to the football on Saturdays.');
    expect((await visitors.worker.get('/arrangements')).body).toContain('1 support plan proposal waiting');

    const thread = `${path}/proposals/${proposalId}`;
    await visitors.worker.get(thread);
    expect((await visitors.worker.post(`${thread}/replies`, { words: 'Which team, Ana?' })).statusCode).toBe(302);
    expect((await visitors.person.get(thread)).body).toContain('Which team, Ana?');
    await visitors.person.post(`${thread}/replies`, { words: 'Northbrook Town.' });
    expect((await visitors.circle.get(path)).body).toContain('Being talked about');

    const page = await visitors.worker.get(thread);
    expect(page.body).toContain('name="version" value="1"');
    const accepted = await visitors.worker.post(`${thread}/accept`, {
      version: '1',
      text: 'I want to go swimming.\nI want to cook a curry.\nI want to watch Northbrook Town on Saturdays.',
      reason: 'Ana asked to add the football',
    });
    expect(accepted.headers.location).toBe(`${thread}?saved=accepted`);
    const [proposal] = await db.owner.select().from(supportPlanProposals).where(eq(supportPlanProposals.id, proposalId));
    expect(proposal).toMatchObject({ status: 'accepted', acceptedVersion: 2 });
    const version = await visitors.person.get(`${path}/versions/2`);
    expect(version.body).toContain(
      '<ins><span class="govuk-visually-hidden">Added: </span>I want to watch Northbrook Town on Saturdays.</ins>',
    );
    expect(version.body).toContain('Ana asked to add the football');
    expect((await visitors.person.get(path)).body).toContain('Accepted');
    expect((await visitors.worker.get('/arrangements')).body).not.toContain('support plan proposal waiting');
  });

  it('the carer comments and the worker marks it read; a change is declined with a reason', async () => {
    const comment = await visitors.carer.post(`${path}/proposals`, {
      section: 'routines',
      kind: 'comment',
      words: 'Tea is at half six on Fridays.',
    });
    const commentId = idFrom(comment.headers.location);
    await visitors.worker.get(`${path}/proposals/${commentId}`);
    expect((await visitors.worker.post(`${path}/proposals/${commentId}/noted`, {})).statusCode).toBe(302);
    const change = await visitors.circle.post(`${path}/proposals`, { section: 'medication', kind: 'change', words: 'Stop the inhaler.' });
    const changeId = idFrom(change.headers.location);
    await visitors.worker.get(`${path}/proposals/${changeId}`);
    const noReason = await visitors.worker.post(`${path}/proposals/${changeId}/decline`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why it is not accepted');
    await visitors.worker.post(`${path}/proposals/${changeId}/decline`, {
      declineReason: 'Only her GP can change her medicine. Let us ask together.',
    });
    const seen = await visitors.circle.get(`${path}/proposals/${changeId}`);
    expect(seen.body).toContain('Only her GP can change her medicine');
    expect(seen.body).not.toContain('Your reply');
    expect((await visitors.carer.post(`${path}/proposals/${changeId}/decline`, { declineReason: 'No' })).statusCode).toBe(403);
  });

  it('two workers save from the same version: the second gets the merge screen, chooses, and nothing is lost', async () => {
    const [plan] = await db.owner.select().from(supportPlans).where(eq(supportPlans.arrangementId, arrangementId));
    const base = String(plan!.version);
    const current = {
      ...firstPlan,
      goals: 'I want to go swimming.\nI want to cook a curry.\nI want to watch Northbrook Town on Saturdays.',
      version: base,
    };
    await visitors.worker.get(`${path}/edit`);
    await visitors.manager.get(`${path}/edit`);
    const first = await visitors.worker.post(path, {
      ...current,
      medication: 'An inhaler morning and night.',
      goals: 'I want to swim twice a week.',
      reason: 'Asthma review',
    });
    expect(first.statusCode).toBe(302);
    const second = await visitors.manager.post(path, {
      ...current,
      routines: 'Tea at half six.',
      goals: 'I want to learn to swim.',
      reason: 'New routine',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('govuk-error-summary');
    expect(second.body).toContain('changed the same parts as you');
    expect(second.body).toContain('Goals, in their own words: you both changed this');
    expect(second.body).toContain('I want to swim twice a week.');
    expect(second.body).toContain('I want to learn to swim.');
    expect(second.body).toContain('An inhaler morning and night.');
    expect(second.body).toContain(`name="version" value="${Number(base) + 1}"`);

    const unchosen = await visitors.manager.post(path, {
      ...current,
      version: String(Number(base) + 1),
      conflicts: 'goals',
      medication: 'An inhaler morning and night.',
      routines: 'Tea at half six.',
      goals: 'I want to learn to swim.',
      reason: 'New routine',
    });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('Choose whether to keep your words or take theirs');
    const merged = await visitors.manager.post(path, {
      ...current,
      version: String(Number(base) + 1),
      conflicts: 'goals',
      'choice-goals': 'theirs',
      medication: 'An inhaler morning and night.',
      routines: 'Tea at half six.',
      goals: 'I want to learn to swim.',
      reason: 'New routine',
    });
    expect(merged.statusCode).toBe(302);
    const versions = await db.owner.select().from(supportPlanVersions).where(eq(supportPlanVersions.planId, plan!.id));
    const latest = versions.find((v) => v.version === Number(base) + 2)!;
    expect(latest).toMatchObject({
      goals: 'I want to swim twice a week.',
      medication: 'An inhaler morning and night.',
      routines: 'Tea at half six.',
      changedSections: ['routines'],
    });
  });

  it('the person who reads in Easy Read gets their plan in Easy Read, with short sentences, and says they like a part', async () => {
    await visitors.person.get('/account/reading');
    await visitors.person.post('/account/reading', { easyRead: 'yes', largerText: 'no', readAloudFirst: 'no' });
    const page = await visitors.person.get(path);
    expect(page.body).toContain('hearth-er-line');
    expect(page.body).toContain('My support plan');
    expectEasyRead(page.body);
    const propose = await visitors.person.get(`${path}/propose?section=routines`);
    expectEasyRead(propose.body);
    const liked = await visitors.person.post(`${path}/proposals`, {
      section: 'routines',
      kind: 'comment',
      words: 'I like this part of my plan.',
    });
    expect(liked.statusCode).toBe(302);
  });

  it('the person who does not read in Easy Read still gets their own plan that way, and says what to change with pictures and words; staff keep the usual pages', async () => {
    await visitors.person.get('/account/reading');
    await visitors.person.post('/account/reading', { easyRead: 'no', largerText: 'no', readAloudFirst: 'no' });
    expectEasyRead((await visitors.person.get(path)).body);
    const propose = await visitors.person.get(`${path}/propose?section=routines`);
    expectEasyRead(propose.body);
    expect(propose.body).toContain('A different time');
    const empty = await visitors.person.post(`${path}/proposals`, { section: 'routines', kind: 'change', words: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write what you want to change, or choose a picture');
    expectEasyRead(empty.body);

    const sent = await visitors.person.post(`${path}/proposals`, {
      section: 'routines',
      kind: 'change',
      symbols: ['time', 'more-help'],
      words: 'Tea at seven, please.',
    });
    expect(sent.statusCode).toBe(302);
    const [saved] = await db.owner
      .select()
      .from(supportPlanProposals)
      .where(eq(supportPlanProposals.id, idFrom(sent.headers.location)));
    expect(saved).toMatchObject({
      kind: 'change',
      section: 'routines',
      words: 'I want more help with this. I want this at a different time. Tea at seven, please.',
    });
    const thread = await visitors.person.get(sent.headers.location as string);
    expect(thread.body).toContain('Thank you. We sent it to your worker.');
    expect(thread.body).toContain('Tea at seven, please.');
    expectEasyRead(thread.body);
    const onlyPictures = await visitors.person.post(`${path}/proposals`, { section: 'goals', kind: 'change', symbols: 'new' });
    expect(onlyPictures.statusCode).toBe(302);

    for (const staffPage of [path, String(sent.headers.location)])
      expect((await visitors.worker.get(staffPage)).body).not.toContain('hearth-er-line');
    expect((await visitors.carer.get(`${path}/propose?section=routines`)).body).not.toContain('hearth-er-line');
  });
});
