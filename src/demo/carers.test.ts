import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carersDue } from '../carers/due.js';
import { dueService } from '../due/service.js';
import { isDue, requirementsFor } from '../carers/checks/requirements.js';
import { requirementsOf } from '../carers/checks/service.js';
import { carers } from '../carers/schema.js';
import { isAdult } from '../carers/household.js';
import { CARER_STAGES, CURRENT, REASON_NEEDED } from '../carers/stages.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { testDatabase } from '../platform/testing/database.js';
import { DEMO_SIGN_INS, DEMO_TODAY, generateDemo, type DemoData } from './generate.js';
import { loadDemo } from './load.js';

const small = generateDemo({ scale: 'small', seed: 2026 });
const national = generateDemo({ scale: 'national', seed: 2026 });
const northbrook = small.schemes[0]!.id;
const signIn = (role: string) => small.users.find((u) => u.email === DEMO_SIGN_INS.find((s) => s.role === role)!.email)!;

/** Every row points at rows that exist, as the database's foreign keys will insist. */
function expectConsistent(data: DemoData) {
  const ids = (rows: { id?: string | undefined }[]) => new Set(rows.map((r) => r.id!));
  const carers = ids(data.carers.carers);
  const members = ids(data.carers.householdMembers);
  const types = ids(data.carers.checkTypes);
  const panels = ids(data.carers.approvalPanels);
  const users = ids(data.users);
  for (const table of [
    data.carers.carers,
    data.carers.householdMembers,
    data.carers.carerStageChanges,
    data.carers.carerApprovals,
    data.carers.checkRecords,
    data.carers.carerReviews,
    data.carers.panelCases,
    data.carers.panelViews,
  ]) {
    expect(ids(table).size).toBe(table.length);
  }
  for (const row of [
    ...data.carers.householdMembers,
    ...data.carers.carerStageChanges,
    ...data.carers.carerApprovals,
    ...data.carers.checkRecords,
    ...data.carers.carerReviews,
    ...data.carers.panelCases,
  ]) {
    expect(carers.has(row.carerId)).toBe(true);
  }
  for (const r of data.carers.checkRecords) {
    expect(types.has(r.checkTypeId)).toBe(true);
    if (r.householdMemberId) expect(members.has(r.householdMemberId)).toBe(true);
    if (r.expiresOn) expect(r.expiresOn >= r.completedOn).toBe(true);
  }
  const cases = new Map(data.carers.panelCases.map((c) => [c.id!, c]));
  for (const c of data.carers.panelCases) expect(panels.has(c.panelId)).toBe(true);
  for (const a of data.carers.carerApprovals) {
    if (a.basis === 'panel') {
      const c = cases.get(a.panelCaseId!)!;
      expect(c.carerId).toBe(a.carerId);
      expect(['approve', 'decline']).toContain(c.recommendation);
    } else expect(a.panelCaseId ?? null).toBeNull();
  }
  for (const m of data.carers.panelMembers) expect(users.has(m.userId)).toBe(true);
  for (const c of data.carers.carers) {
    if (c.userId) expect(users.has(c.userId)).toBe(true);
    if (REASON_NEEDED.includes(c.stage!)) expect(c.stageReason).toBeTruthy();
    if (c.stage === 'approved' || c.stage === 'paused') expect(c.approvedOn).toBeTruthy();
    expect(c.stageSince! <= DEMO_TODAY).toBe(true);
  }
  for (const s of data.carers.carerStageChanges) if (REASON_NEEDED.includes(s.toStage)) expect(s.reason).toBeTruthy();
}

describe('the demo’s carers', () => {
  it('gives Northbrook 30 or more carers at every stage, with households', () => {
    const carers = small.carers.carers.filter((c) => c.schemeId === northbrook);
    expect(carers.length).toBeGreaterThanOrEqual(30);
    expect(new Set(carers.map((c) => c.stage))).toEqual(new Set(CARER_STAGES));
    const withHousehold = new Set(small.carers.householdMembers.map((m) => m.carerId));
    expect(carers.filter((c) => withHousehold.has(c.id!)).length).toBeGreaterThan(carers.length / 3);
  });

  it('has approved carers with terms, some checks overdue and some due soon', () => {
    const approved = small.carers.carers.filter((c) => c.schemeId === northbrook && c.stage === 'approved');
    const terms = new Map(small.carers.carerApprovals.filter((a) => a.decision === 'approved').map((a) => [a.carerId, a]));
    for (const c of approved) expect(terms.get(c.id!)?.maxPeople).toBeGreaterThan(0);
    const types = small.carers.checkTypes.filter((t) => t.schemeId === northbrook);
    const statuses = approved.flatMap((c) =>
      requirementsFor(
        types,
        { memberId: null, name: c.name },
        small.carers.householdMembers
          .filter((m) => m.carerId === c.id && isAdult(m.dateOfBirth, DEMO_TODAY))
          .map((m) => ({ memberId: m.id!, name: m.name })),
        small.carers.checkRecords
          .filter((r) => r.carerId === c.id)
          .map((r) => ({ ...r, id: r.id!, householdMemberId: r.householdMemberId ?? null, expiresOn: r.expiresOn ?? null })),
        DEMO_TODAY,
      )
        .filter(isDue)
        .map((r) => r.status),
    );
    expect(statuses).toContain('overdue');
    expect(statuses).toContain('due_soon');
  });

  it('links the fixed carer sign-in to an approved carer, and seats the panel sign-in on the panel with cases', () => {
    const carer = small.carers.carers.find((c) => c.userId === signIn('carer').id)!;
    expect(carer.stage).toBe('approved');
    const panel = signIn('panel_member');
    const seats = small.carers.panelMembers.filter((m) => m.userId === panel.id);
    expect(seats.length).toBe(2);
    const cases = small.carers.panelCases.filter((c) => seats.some((s) => s.panelId === c.panelId));
    expect(cases.length).toBeGreaterThanOrEqual(4);
    expect(new Set(cases.map((c) => c.recommendation ?? 'none'))).toEqual(new Set(['approve', 'decline', 'defer', 'none']));
  });

  it('keeps every row consistent with the rows it points at', () => {
    expectConsistent(small);
    expectConsistent(national);
  });

  it('gives the national demo about 10,000 carers across every scheme', () => {
    expect(national.carers.carers.length).toBeGreaterThanOrEqual(9_500);
    expect(national.carers.carers.length).toBeLessThanOrEqual(12_500);
    expect(new Set(national.carers.carers.map((c) => c.schemeId)).size).toBe(national.schemes.length);
    expect(national.carers.checkRecords.length).toBeGreaterThan(national.carers.carers.length * 5);
  });
});

describe('the demo’s carers, loaded', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await loadDemo(db, small, { password: 'a demo password' });
  });
  afterAll(async () => db.close());

  it('shows the worker what is due across Northbrook, and the carer only their own', async () => {
    const worker = signIn('scheme_worker');
    const due = dueService(db, [carersDue()]);
    const staff = await due.list(
      { userId: worker.id, schemeId: northbrook, role: 'scheme_worker', name: worker.name },
      { page: 1 },
      DEMO_TODAY,
    );
    expect(staff.counts.overdue && staff.counts.due_soon && staff.counts.missing).toBeGreaterThan(0);
    expect(staff.kinds.map(([kind]) => kind)).toContain('review');

    const carer = signIn('carer');
    const own = await due.list({ userId: carer.id, schemeId: northbrook, role: 'carer', name: carer.name }, { page: 1 }, DEMO_TODAY);
    expect(own.rows.map((i) => i.title)).toEqual(expect.arrayContaining(['Home health and safety check', 'First aid']));
    expect(new Set(own.rows.map((i) => i.whoHref))).toEqual(
      new Set([`/carers/${small.carers.carers.find((c) => c.userId === carer.id)!.id}`]),
    );
  });

  it('finds in SQL the checks and courses the pure rules say are due, for every carer of the scheme and their adults', async () => {
    const worker = signIn('scheme_worker');
    const actor = { userId: worker.id, schemeId: northbrook, role: 'scheme_worker' as const, name: worker.name };
    const key = (i: { kind: string; title: string; who: string; dueOn: string | null; status: string; subjectId: string }) =>
      `${i.subjectId} ${i.kind} ${i.title} ${i.who} ${i.dueOn} ${i.status}`;
    const [found, expected] = await db.inScope(actor, async (tx) => {
      const rows = await rowsOf<{ kind: string; title: string; who: string; dueOn: string | null; status: string; subjectId: string }>(
        tx,
        sql`
        select kind, title, who, due_on::text as "dueOn", status, subject_id as "subjectId" from (${carersDue().items(actor, DEMO_TODAY)!}) due where kind <> 'review'`,
      );
      const judged = await requirementsOf(tx, and(eq(carers.schemeId, northbrook), inArray(carers.stage, [...CURRENT]))!, DEMO_TODAY);
      return [
        rows,
        judged.flatMap(({ carer, requirements }) =>
          requirements.filter(isDue).map((r) => ({
            kind: r.type.kind,
            title: r.type.howMany > 1 ? `${r.type.name} (${r.type.howMany} needed)` : r.type.name,
            who: r.who.memberId ? `${r.who.name} (in ${carer.name}’s household)` : carer.name,
            dueOn: r.dueOn,
            status: r.status,
            subjectId: carer.id,
          })),
        ),
      ];
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
  });
});
