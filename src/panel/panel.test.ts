import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { carers } from '../carers/schema.js';
import { carerApprovals } from '../carers/approval-schema.js';
import { aCarer, aHouseholdMember, aPanel, aPanelCase, defaultCheckTypes } from '../carers/testing.js';
import { addDays, addMonths, todayInUk } from '../platform/dates.js';
import { formatDate } from '../platform/layout/views.js';
import { approvalPanels, panelCases } from './schema.js';

const dbError = (pattern: RegExp) => (error: unknown) =>
  pattern.test(String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message));

const dateFields = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

describe('the approval panel, from papers to the scheme’s decision', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  let manager: Visitor;
  let worker: Visitor;
  let member: Visitor;
  let outsider: Visitor;
  let managerActor: Actor;
  let memberId = '';
  let carerId = '';
  let panelId = '';
  let caseId = '';
  const today = todayInUk();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    await defaultCheckTypes(db, schemeId);
    const m = await aUser(db, { role: 'scheme_manager', schemeId, name: 'Mo Manager' });
    managerActor = { userId: m.id, schemeId, role: 'scheme_manager', name: m.name };
    const w = await aUser(db, { role: 'scheme_worker', schemeId });
    const p = await aUser(db, { role: 'panel_member', schemeId, name: 'Pat Panel' });
    memberId = p.id;
    const o = await aUser(db, { role: 'panel_member', schemeId, name: 'Ola Other' });
    [manager, worker, member, outsider] = [new Visitor(app), new Visitor(app), new Visitor(app), new Visitor(app)];
    await manager.signIn(m.email);
    await worker.signIn(w.email);
    await member.signIn(p.email);
    await outsider.signIn(o.email);
    const carer = await aCarer(db, { schemeId, stage: 'checks', name: 'Cass Carver', area: 'Westfield' });
    carerId = carer.id;
    await aHouseholdMember(db, carer, { name: 'Dev Carver', relationship: 'husband' });
  });
  afterAll(async () => close());

  it('sets a panel date with its members', async () => {
    await worker.get('/panel/new');
    const bad = await worker.post('/panel', {});
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the date the panel meets');
    const created = await worker.post('/panel', {
      ...dateFields('meetsOn', today),
      place: 'Room 4',
      memberUserIds: memberId,
      chairUserId: memberId,
    });
    expect(created.statusCode).toBe(302);
    panelId = /\/panel\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const page = await worker.get(`/panel/${panelId}`);
    expect(page.body).toContain('Pat Panel (chair)');
  });

  it('adds a carer with papers made from their record, moving them to Approval panel', async () => {
    await worker.get(`/panel/${panelId}/cases/new`);
    const added = await worker.post(`/panel/${panelId}/cases`, {
      carerId,
      summary: 'Cass has years of experience\nsupporting her brother.',
    });
    expect(added.statusCode).toBe(302);
    caseId = /\/panel\/cases\/([0-9a-f-]{36})/.exec(added.headers.location as string)![1]!;
    const [c] = await db.owner.select().from(panelCases).where(eq(panelCases.id, caseId));
    expect(c!.papers).toMatchObject({ carerName: 'Cass Carver', area: 'Westfield', household: [{ name: 'Dev Carver', adult: true }] });
    expect(c!.papers.checks.some((k) => k.name.startsWith('DBS') && k.who === 'Dev Carver' && k.status === 'missing')).toBe(true);
    const [carer] = await db.owner.select().from(carers).where(eq(carers.id, carerId));
    expect(carer!.stage).toBe('panel');
  });

  it('shows a panel member the papers of their own panels, and nothing of carers’ records', async () => {
    expect((await member.get('/panel')).body).toContain(`/panel/${panelId}`);
    const papers = await member.get(`/panel/cases/${caseId}`);
    expect(papers.statusCode).toBe(200);
    expect(papers.body).toContain('supporting her brother');
    expect(papers.body).toContain('Your view');
    expect((await member.get(`/carers/${carerId}`)).statusCode).toBe(403);
    expect((await member.get('/due')).statusCode).toBe(403);

    expect((await outsider.get('/panel')).body).not.toContain(`/panel/${panelId}`);
    expect((await outsider.get(`/panel/${panelId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/panel/cases/${caseId}`)).statusCode).toBe(404);
    await outsider.get('/panel');
    expect((await outsider.post(`/panel/cases/${caseId}/view`, { view: 'approve', comments: 'Looks fine' })).statusCode).toBe(404);
  });

  it('takes each member’s own view', async () => {
    const bad = await member.post(`/panel/cases/${caseId}/view`, { view: 'approve' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Write your reasons');
    expect(
      (await member.post(`/panel/cases/${caseId}/view`, { view: 'approve', comments: 'Warm, experienced household.' })).statusCode,
    ).toBe(302);
    expect((await worker.get(`/panel/cases/${caseId}`)).body).toContain('Warm, experienced household.');
  });

  it('records no approval without a panel recommendation: not in the service, not in the database', async () => {
    await manager.get(`/panel/cases/${caseId}`);
    const early = await manager.post(`/panel/cases/${caseId}/decision`, {
      decision: 'approved',
      maxPeople: '2',
      arrangementTypes: 'live_in',
      ...dateFields('decidedOn', today),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Record the panel’s recommendation before the scheme’s decision');

    await expect(
      db.inScope(managerActor, (tx) =>
        tx.insert(carerApprovals).values({
          schemeId,
          carerId,
          decision: 'approved',
          decidedOn: today,
          basis: 'panel',
          panelCaseId: caseId,
          maxPeople: 2,
          arrangementTypes: ['live_in'],
          needs: [],
        }),
      ),
    ).rejects.toSatisfy(dbError(/carer_approvals_recommended_case/));
    await expect(
      db.inScope(managerActor, (tx) =>
        tx.insert(carerApprovals).values({
          schemeId,
          carerId,
          decision: 'approved',
          decidedOn: today,
          basis: 'panel',
          maxPeople: 2,
          arrangementTypes: ['live_in'],
          needs: [],
        }),
      ),
    ).rejects.toSatisfy(dbError(/carer_approvals_panel_basis/));
  });

  it('records the recommendation, moving the carer to Decision', async () => {
    await worker.get(`/panel/cases/${caseId}`);
    const noTerms = await worker.post(`/panel/cases/${caseId}/recommendation`, {
      recommendation: 'approve',
      ...dateFields('recommendedOn', today),
    });
    expect(noTerms.statusCode).toBe(400);
    expect(noTerms.body).toContain('Choose how many people they can support at once');
    expect(noTerms.body).toContain('Choose at least one kind of arrangement');
    const done = await worker.post(`/panel/cases/${caseId}/recommendation`, {
      recommendation: 'approve',
      maxPeople: '2',
      arrangementTypes: ['live_in', 'short_breaks'],
      needs: 'learning_disability',
      ...dateFields('recommendedOn', today),
    });
    expect(done.statusCode).toBe(302);
    const [carer] = await db.owner.select().from(carers).where(eq(carers.id, carerId));
    expect(carer!.stage).toBe('decision');
    expect((await member.post(`/panel/cases/${caseId}/view`, { view: 'decline', comments: 'Changed my mind' })).body).toContain(
      'views can no longer change',
    );
  });

  it('lets only a manager record the scheme’s decision, with reasons when it differs', async () => {
    await worker.get(`/panel/cases/${caseId}`);
    expect((await worker.post(`/panel/cases/${caseId}/decision`, { decision: 'approved' })).statusCode).toBe(403);
    await manager.get(`/panel/cases/${caseId}`);
    const differs = await manager.post(`/panel/cases/${caseId}/decision`, { decision: 'declined', ...dateFields('decidedOn', today) });
    expect(differs.statusCode).toBe(400);
    expect(differs.body).toContain('Give the reasons the scheme’s decision differs from the panel’s recommendation');

    const approved = await manager.post(`/panel/cases/${caseId}/decision`, {
      decision: 'approved',
      maxPeople: '2',
      arrangementTypes: 'live_in',
      needs: ['learning_disability', 'autism'],
      ...dateFields('decidedOn', today),
    });
    expect(approved.statusCode).toBe(302);
    const [carer] = await db.owner.select().from(carers).where(eq(carers.id, carerId));
    expect(carer).toMatchObject({ stage: 'approved', approvedOn: today, reviewDueOn: addMonths(today, 12) });
    const [decision] = await db.owner.select().from(carerApprovals).where(eq(carerApprovals.carerId, carerId));
    expect(decision).toMatchObject({
      decision: 'approved',
      basis: 'panel',
      panelCaseId: caseId,
      maxPeople: 2,
      arrangementTypes: ['live_in'],
      needs: ['learning_disability', 'autism'],
      byName: 'Mo Manager',
    });

    const record = await manager.get(`/carers/${carerId}/approval`);
    expect(record.body).toContain('2 people at once');
    expect(record.body).toContain('Long-term (live-in)');
    expect(record.body).toContain('Learning disability, Autism');
    expect(
      (
        await manager.post(`/panel/cases/${caseId}/decision`, {
          decision: 'approved',
          maxPeople: '2',
          arrangementTypes: 'live_in',
          ...dateFields('decidedOn', today),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps a deferred carer at Approval panel, ready for the next one', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'panel', name: 'Dee Ferred' });
    const panel = await aPanel(db, schemeId, { meetsOn: addMonths(today, 1) });
    const c = await aPanelCase(db, panel, carer);
    await worker.get(`/panel/cases/${c.id}`);
    const noReason = await worker.post(`/panel/cases/${c.id}/recommendation`, {
      recommendation: 'defer',
      ...dateFields('recommendedOn', today),
    });
    expect(noReason.body).toContain('Give the panel’s reasons');
    const early = await worker.post(`/panel/cases/${c.id}/recommendation`, {
      recommendation: 'defer',
      reason: 'Needs a second reference',
      ...dateFields('recommendedOn', today),
    });
    expect(early.body).toContain('its recommendation cannot be earlier');
    await db.owner.update(approvalPanels).set({ meetsOn: today }).where(eq(approvalPanels.id, panel.id));
    expect(
      (
        await worker.post(`/panel/cases/${c.id}/recommendation`, {
          recommendation: 'defer',
          reason: 'Needs a second reference',
          ...dateFields('recommendedOn', today),
        })
      ).statusCode,
    ).toBe(302);
    const [after] = await db.owner.select().from(carers).where(eq(carers.id, carer.id));
    expect(after!.stage).toBe('panel');
    const next = await aPanel(db, schemeId);
    expect((await worker.get(`/panel/${next.id}/cases/new`)).body).toContain('Dee Ferred');
  });

  const panelOn = async (meetsOn: string) => {
    await worker.get('/panel/new');
    const created = await worker.post('/panel', { ...dateFields('meetsOn', meetsOn), memberUserIds: memberId });
    return /\/panel\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
  };
  const addTo = async (panel: string, carer: string) => {
    await worker.get(`/panel/${panel}/cases/new`);
    const added = await worker.post(`/panel/${panel}/cases`, { carerId: carer, summary: 'Ready for the panel.' });
    expect(added.statusCode).toBe(302);
    return /\/panel\/cases\/([0-9a-f-]{36})/.exec(added.headers.location as string)![1]!;
  };
  const offered = (page: string, name: string) =>
    Object.fromEntries(
      ['day', 'month', 'year'].map((part) => [
        `${name}-${part}`,
        new RegExp(`name="${name}-${part}"[^>]*value="([^"]*)"`).exec(page)?.[1] ?? '',
      ]),
    );

  it('offers a recommendation date the form accepts, for a panel that met before the carer was added', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'checks', name: 'Lia Late', stageSince: addDays(today, -30) });
    const c = await addTo(await panelOn(addDays(today, -7)), carer.id);
    const page = await worker.get(`/panel/cases/${c}`);
    expect(page.body).toContain('Record the recommendation');
    const recorded = await worker.post(`/panel/cases/${c}/recommendation`, {
      recommendation: 'decline',
      reason: 'Not the right time for the household',
      ...offered(page.body, 'recommendedOn'),
    });
    expect(recorded.statusCode).toBe(302);
    expect((await db.owner.select().from(carers).where(eq(carers.id, carer.id)))[0]!.stage).toBe('decision');
  });

  it('asks for a panel’s recommendation once the panel has met, not before', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'checks', name: 'Fen Future' });
    const meetsOn = addDays(today, 7);
    const c = await addTo(await panelOn(meetsOn), carer.id);
    const page = await worker.get(`/panel/cases/${c}`);
    expect(page.body).not.toContain('Record the recommendation');
    expect(page.body).toContain(`Record the panel’s recommendation here from ${formatDate(meetsOn)}, when the panel meets.`);
  });

  it('moves a carer’s case to another panel, taking it off the first panel’s list', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'checks', name: 'Mo Moved' });
    const first = await panelOn(addDays(today, 7));
    const c = await addTo(first, carer.id);
    await member.get(`/panel/cases/${c}`);
    await member.post(`/panel/cases/${c}/view`, { view: 'approve', comments: 'Read the papers early.' });
    const second = await panelOn(addDays(today, 35));
    expect((await worker.get(`/panel/${second}/cases/new`)).body).toContain(
      `Mo Moved (moves here from the panel on ${formatDate(addDays(today, 7))})`,
    );
    const moved = await addTo(second, carer.id);
    expect(moved).toBe(c);
    expect((await worker.get(`/panel/cases/${moved}?saved=moved`)).body).toContain('moved to this panel');
    expect((await worker.get(`/panel/${first}`)).body).not.toContain('Mo Moved');
    expect((await worker.get(`/panel/${second}`)).body).toContain('Mo Moved');
    expect(await db.owner.select().from(panelCases).where(eq(panelCases.carerId, carer.id))).toHaveLength(1);
  });

  it('records the scheme’s decision on a carer who came in at Decision, their panel before Hearth', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'decision', name: 'Ida Imported' });
    const record = await manager.get(`/carers/${carer.id}/approval`);
    expect(record.body).toContain(`href="/panel/carers/${carer.id}/decision"`);
    expect((await worker.get(`/panel/carers/${carer.id}/decision`)).statusCode).toBe(403);
    const page = await manager.get(`/panel/carers/${carer.id}/decision`);
    expect(page.body).toContain('before the scheme used Hearth');
    const empty = await manager.post(`/panel/carers/${carer.id}/decision`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the scheme’s decision');
    const decided = await manager.post(`/panel/carers/${carer.id}/decision`, {
      decision: 'approved',
      maxPeople: '1',
      arrangementTypes: 'short_breaks',
      ...dateFields('decidedOn', today),
    });
    expect(decided.statusCode).toBe(302);
    expect(decided.headers.location).toBe(`/carers/${carer.id}/approval`);
    expect((await db.owner.select().from(carers).where(eq(carers.id, carer.id)))[0]).toMatchObject({
      stage: 'approved',
      approvedOn: today,
    });
    const [approval] = await db.owner.select().from(carerApprovals).where(eq(carerApprovals.carerId, carer.id));
    expect(approval).toMatchObject({ basis: 'earlier_record', panelCaseId: null, maxPeople: 1, arrangementTypes: ['short_breaks'] });
  });

  it('sends a decision on a carer whose panel recommended in Hearth to their panel case', async () => {
    const carer = await aCarer(db, { schemeId, stage: 'decision', name: 'Rae Recommended' });
    const c = await aPanelCase(db, await aPanel(db, schemeId, { meetsOn: today }), carer);
    await db.owner.update(panelCases).set({ recommendation: 'decline', recommendedOn: today }).where(eq(panelCases.id, c.id));
    expect((await manager.get(`/carers/${carer.id}/approval`)).body).not.toContain(`/panel/carers/${carer.id}/decision`);
    await manager.get(`/panel/carers/${carer.id}/decision`);
    const refused = await manager.post(`/panel/carers/${carer.id}/decision`, {
      decision: 'declined',
      reason: 'Not now',
      ...dateFields('decidedOn', today),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Record the scheme’s decision on their panel case');
  });
});
