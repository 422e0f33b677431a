import { count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anApprovedCarer, anArrangement, defaultAgreementTemplates } from '../../arrangements/testing.js';
import { agreements, arrangements } from '../../arrangements/schema.js';
import { checkRecords, checkTypes } from '../../carers/checks/schema.js';
import { carerReviews, carers, householdMembers } from '../../carers/schema.js';
import { aCarer, aPanel, defaultCheckTypes } from '../../carers/testing.js';
import { incidentFollowUps, incidents } from '../../incidents/schema.js';
import { anIncident } from '../../incidents/testing.js';
import { matchProposals } from '../../matching/schema.js';
import { aMatchableCarer } from '../../matching/testing.js';
import { moodChecks, personMessageReplies, personMessages } from '../../my-hearth/schema.js';
import { dailyNotes } from '../../notes/schema.js';
import { approvalPanels, panelCases } from '../../panel/schema.js';
import { circleMembers, people, risks, supportNeedCategories } from '../../people/schema.js';
import { aPerson } from '../../people/testing.js';
import { arrangementReviews } from '../../reviews/schema.js';
import { availability, bookings, carerBreaks } from '../../short-breaks/schema.js';
import { aShortBreaksCarer, someNightsFree } from '../../short-breaks/testing.js';
import { supportPlanMessages, supportPlanProposals } from '../../support-plans/schema.js';
import { aPlan, aPlanProposal } from '../../support-plans/testing.js';
import { addDays, addMonths, todayInUk } from '../dates.js';
import type { Database } from '../db/database.js';
import { memberships, schemes } from '../db/schema.js';
import type { Role } from '../permissions/roles.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { formTokens } from './schema.js';

const today = todayInUk();
const dateOf = (name: string, date: string) => {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};
const onToday = (name: string) => dateOf(name, today);
const tokenOn = (page: string) => /name="_once" value="([^"]+)"/.exec(page)?.[1];

let app: FastifyInstance;
let db: Database;
let close: () => Promise<void>;
const v = {} as Record<'manager' | 'worker' | 'carer' | 'person' | 'national', Visitor>;
const userIds = {} as Record<keyof typeof v | 'panel', string>;
const rowsIn = async (table: PgTable) => (await db.owner.select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
  const schemeId = (await aScheme(db)).id;
  const roles: Record<keyof typeof userIds, Role> = {
    manager: 'scheme_manager',
    worker: 'scheme_worker',
    carer: 'carer',
    person: 'person',
    national: 'national_admin',
    panel: 'panel_member',
  };
  for (const [key, role] of Object.entries(roles) as [keyof typeof userIds, Role][]) {
    const user = await aUser(db, { role, schemeId: role === 'national_admin' ? null : schemeId });
    userIds[key] = user.id;
    if (key === 'panel') continue;
    v[key] = new Visitor(app);
    await v[key].signIn(user.email);
  }
  await setUp(schemeId);
});
afterAll(async () => close());

const the = {} as {
  live: { id: string; schemeId: string };
  host: { id: string };
  guest: { id: string };
  incident: { id: string };
  panel: { id: string };
  readyForPanel: { id: string }[];
  checkType: { id: string };
  toStart: { id: string }[];
  startWith: { id: string };
  proposal: { id: string };
  message: { id: string };
  waiting: { id: string };
  matchable: { id: string }[];
};

/** One scheme with what every form needs: a carer (signed in) hosting the person (signed in) in a live arrangement, and more. */
async function setUp(schemeId: string) {
  const host = await aShortBreaksCarer(db, {
    schemeId,
    userId: userIds.carer,
    name: 'Hattie Host',
    rooms: 2,
    kinds: ['live_in', 'short_breaks', 'day_support'],
  });
  const guest = await aPerson(db, { schemeId, status: 'supported', userId: userIds.person, name: 'Gus Guest' });
  await someNightsFree(db, host, { from: addDays(today, 1), to: addDays(today, 60) });
  const live = await anArrangement(db, {
    schemeId,
    personId: guest.id,
    carerId: host.id,
    workerUserId: userIds.worker,
    startsOn: '2026-01-01',
  });
  await defaultAgreementTemplates(db, schemeId);
  const plan = await aPlan(db, live);
  const startWith = await anApprovedCarer(db, { schemeId, name: 'Sam Starter', maxPeople: 3 });
  const [message] = await db.owner
    .insert(personMessages)
    .values({ schemeId, personId: guest.id, kind: 'worry', words: 'The bus was late' })
    .returning();
  Object.assign(the, {
    live,
    host,
    guest,
    startWith,
    incident: await anIncident(db, live),
    panel: await aPanel(db, schemeId, { memberUserIds: [userIds.panel] }),
    readyForPanel: [await aCarer(db, { schemeId, stage: 'checks' }), await aCarer(db, { schemeId, stage: 'checks' })],
    checkType: (await defaultCheckTypes(db, schemeId))[0]!,
    toStart: [await aPerson(db, { schemeId, status: 'supported' }), await aPerson(db, { schemeId, status: 'supported' })],
    proposal: await aPlanProposal(db, plan, { userId: userIds.carer, role: 'carer' }),
    message: message!,
    waiting: await aPerson(db, { schemeId, status: 'waiting', latitude: 54.97, longitude: -1.61, area: 'Riverside' }),
    matchable: [
      await aMatchableCarer(db, { schemeId, name: 'Mo Match', latitude: 54.98, longitude: -1.6 }),
      await aMatchableCarer(db, { schemeId, name: 'Nia Near', latitude: 54.96, longitude: -1.62 }),
    ],
  });
}

interface CreatingForm {
  name: string;
  as: keyof typeof v;
  /** Where the form is shown, and where it is sent. */
  page: () => string;
  post: () => string;
  /** The answers of the n-th record: a second one differs where the scheme allows only one of each. */
  answers: (n: number) => Record<string, string | string[]>;
  rows: PgTable;
}

const FORMS: CreatingForm[] = [
  {
    name: 'a daily note',
    as: 'carer',
    page: () => `/notes/new?arrangement=${the.live.id}`,
    post: () => '/notes',
    answers: (n) => ({
      arrangementId: the.live.id,
      ...onToday('writtenOn'),
      whatHappened: `Went bowling, game ${n}`,
      mood: '4',
      flag: 'no',
    }),
    rows: dailyNotes,
  },
  {
    name: 'a referral',
    as: 'worker',
    page: () => '/people/referrals/new',
    post: () => '/people/referrals',
    answers: (n) => ({
      name: `Amara Okafor ${n}`,
      ...dateOf('dateOfBirth', '1994-06-14'),
      source: 'social_worker',
      referrerName: 'Dana Reeve',
      ...onToday('receivedOn'),
      reason: 'Wants a family life',
      urgency: 'soon',
      whatTheyWant: 'To live near her sister',
    }),
    rows: people,
  },
  {
    name: 'an enquiry from a carer',
    as: 'worker',
    page: () => '/carers/new',
    post: () => '/carers',
    answers: (n) => ({ name: `Ada Hartley ${n}`, email: `ada.${n}@example.org`, ...onToday('enquiredOn') }),
    rows: carers,
  },
  {
    name: 'a short-break booking',
    as: 'worker',
    page: () => '/calendar/bookings/new?kind=short_breaks',
    post: () => '/calendar/bookings',
    answers: (n) => ({
      kind: 'short_breaks',
      carerId: the.host.id,
      personId: the.guest.id,
      ...dateOf('arrive', addDays(today, 10 * n)),
      ...dateOf('leave', addDays(today, 10 * n + 2)),
      room: '1',
    }),
    rows: bookings,
  },
  {
    name: 'an incident',
    as: 'worker',
    page: () => `/incidents/new?arrangement=${the.live.id}`,
    post: () => '/incidents',
    answers: (n) => ({
      arrangementId: the.live.id,
      kind: 'incident',
      ...onToday('occurredOn'),
      place: 'In the park',
      whatHappened: `Tripped on the path, time ${n}`,
      whoInvolved: 'Gus and his carer',
      immediateAction: 'First aid',
      severity: 'low',
    }),
    rows: incidents,
  },
  {
    name: 'a follow-up note on an incident',
    as: 'worker',
    page: () => `/incidents/${the.incident.id}`,
    post: () => `/incidents/${the.incident.id}/follow-ups`,
    answers: (n) => ({ note: `Rang the carer, call ${n}` }),
    rows: incidentFollowUps,
  },
  {
    name: 'someone added to the team',
    as: 'manager',
    page: () => '/team/new',
    post: () => '/team',
    answers: (n) => ({
      name: `Rowan Ashdown ${n}`,
      email: `rowan.${n}@test.hearth.example`,
      role: 'scheme_worker',
      password: 'a long first password',
    }),
    rows: memberships,
  },
  {
    name: 'a scheme',
    as: 'national',
    page: () => '/schemes/new',
    post: () => '/schemes',
    answers: (n) => ({
      name: `Newtown Shared Lives ${n}`,
      kind: 'both',
      region: 'North East',
      localAuthority: 'Newtown Council',
      managerName: 'Noor Newtown',
      managerEmail: `noor.${n}@test.hearth.example`,
      managerPassword: 'a long first password',
    }),
    rows: schemes,
  },
  {
    name: 'an approval panel',
    as: 'worker',
    page: () => '/panel/new',
    post: () => '/panel',
    answers: () => ({ ...onToday('meetsOn'), place: 'Room 4', memberUserIds: userIds.panel, chairUserId: userIds.panel }),
    rows: approvalPanels,
  },
  {
    name: 'a carer added to a panel',
    as: 'worker',
    page: () => `/panel/${the.panel.id}/cases/new`,
    post: () => `/panel/${the.panel.id}/cases`,
    answers: (n) => ({ carerId: the.readyForPanel[n - 1]!.id, summary: 'Years of experience' }),
    rows: panelCases,
  },
  {
    name: 'a check recorded',
    as: 'worker',
    page: () => `/carers/${the.host.id}/checks/new`,
    post: () => `/carers/${the.host.id}/checks`,
    answers: (n) => ({
      checkTypeId: the.checkType.id,
      householdMemberId: 'carer',
      ...onToday('completedOn'),
      outcome: 'satisfactory',
      reference: `R${n}`,
    }),
    rows: checkRecords,
  },
  {
    name: 'a kind of check',
    as: 'manager',
    page: () => '/carers/settings/checks/new',
    post: () => '/carers/settings/checks',
    answers: (n) => ({
      name: `Epilepsy awareness ${n}`,
      kind: 'training',
      appliesTo: 'carer',
      validMonths: '24',
      howMany: '1',
      required: 'yes',
    }),
    rows: checkTypes,
  },
  {
    name: 'someone in a carer’s household',
    as: 'worker',
    page: () => `/carers/${the.host.id}/household/new`,
    post: () => `/carers/${the.host.id}/household`,
    answers: (n) => ({ name: `Tom Host ${n}`, relationship: 'Son', ...dateOf('dateOfBirth', '1990-04-02') }),
    rows: householdMembers,
  },
  {
    name: 'a carer’s yearly review',
    as: 'worker',
    page: () => `/carers/${the.host.id}/reviews/new`,
    post: () => `/carers/${the.host.id}/reviews`,
    answers: (n) => ({
      ...onToday('reviewedOn'),
      outcome: 'continue',
      summary: `Going well, review ${n}`,
      ...dateOf('nextDueOn', addMonths(today, 12)),
    }),
    rows: carerReviews,
  },
  {
    name: 'a visit to an arrangement',
    as: 'worker',
    page: () => `/arrangements/${the.live.id}/reviews/new`,
    post: () => `/arrangements/${the.live.id}/reviews`,
    answers: (n) => ({ kind: 'visit', ...onToday('heldOn'), note: `All well, visit ${n}` }),
    rows: arrangementReviews,
  },
  {
    name: 'an agreement issued',
    as: 'worker',
    page: () => `/arrangements/${the.live.id}/agreements`,
    post: () => `/arrangements/${the.live.id}/agreements`,
    answers: () => ({ kind: 'arrangement' }),
    rows: agreements,
  },
  {
    name: 'an arrangement',
    as: 'worker',
    page: () => '/arrangements/new',
    post: () => '/arrangements',
    answers: (n) => ({
      personId: the.toStart[n - 1]!.id,
      carerId: the.startWith.id,
      type: 'live_in',
      ...onToday('startsOn'),
      funder: 'council',
    }),
    rows: arrangements,
  },
  {
    name: 'a proposal to change a support plan',
    as: 'carer',
    page: () => `/arrangements/${the.live.id}/plan/propose`,
    post: () => `/arrangements/${the.live.id}/plan/proposals`,
    answers: (n) => ({ section: 'goals', kind: 'comment', words: `Swimming on Sundays, thought ${n}` }),
    rows: supportPlanProposals,
  },
  {
    name: 'a reply to a proposal',
    as: 'worker',
    page: () => `/arrangements/${the.live.id}/plan/proposals/${the.proposal.id}`,
    post: () => `/arrangements/${the.live.id}/plan/proposals/${the.proposal.id}/replies`,
    answers: (n) => ({ words: `Let us talk on Friday, reply ${n}` }),
    rows: supportPlanMessages,
  },
  {
    name: 'someone in a person’s circle',
    as: 'worker',
    page: () => `/people/${the.guest.id}/circle/new`,
    post: () => `/people/${the.guest.id}/circle`,
    answers: (n) => ({ name: `Jo Guest ${n}`, relationship: 'family' }),
    rows: circleMembers,
  },
  {
    name: 'a risk',
    as: 'worker',
    page: () => `/people/${the.guest.id}/risks/new`,
    post: () => `/people/${the.guest.id}/risks`,
    answers: (n) => ({ risk: `May get lost, route ${n}`, positiveSteps: 'Practises new routes with the carer first' }),
    rows: risks,
  },
  {
    name: 'a support need',
    as: 'manager',
    page: () => '/people/settings/needs',
    post: () => '/people/settings/needs',
    answers: (n) => ({ name: `Leaving prison ${n}` }),
    rows: supportNeedCategories,
  },
  {
    name: 'nights a carer is free',
    as: 'carer',
    page: () => '/calendar/availability',
    post: () => '/calendar/availability',
    answers: (n) => ({
      kind: 'short_breaks',
      ...dateOf('from', addDays(today, 100 + 10 * n)),
      ...dateOf('to', addDays(today, 102 + 10 * n)),
    }),
    rows: availability,
  },
  {
    name: 'a carer’s nights off',
    as: 'carer',
    page: () => '/calendar/breaks',
    post: () => '/calendar/breaks',
    answers: (n) => ({ ...dateOf('from', addDays(today, 200 + 10 * n)), ...dateOf('to', addDays(today, 201 + 10 * n)) }),
    rows: carerBreaks,
  },
  {
    name: 'a worry told to the scheme',
    as: 'person',
    page: () => '/my/tell',
    post: () => '/my/tell',
    answers: (n) => ({ kind: 'worry', words: `I do not like the dinners, day ${n}` }),
    rows: personMessages,
  },
  {
    name: 'how the person feels',
    as: 'person',
    page: () => '/my/feelings',
    post: () => '/my/feelings',
    answers: () => ({ mood: '4' }),
    rows: moodChecks,
  },
  {
    name: 'a reply to the person’s message',
    as: 'worker',
    page: () => `/messages/${the.message.id}`,
    post: () => `/messages/${the.message.id}/reply`,
    answers: (n) => ({ words: `I will ring the bus company, reply ${n}` }),
    rows: personMessageReplies,
  },
  {
    name: 'a carer proposed to a person',
    as: 'worker',
    page: () => `/matching/proposals/new?person=${the.waiting.id}&carer=${the.matchable[0]!.id}`,
    post: () => '/matching/proposals',
    answers: (n) => ({ personId: the.waiting.id, carerIds: the.matchable[n - 1]!.id, shares: 'profile' }),
    rows: matchProposals,
  },
];

describe('every form that creates a record', () => {
  for (const form of FORMS) {
    it(`${form.name}: sent twice, saved once and back where the first went; a new form saves another`, async () => {
      const visitor = v[form.as];
      const page = await visitor.get(form.page());
      expect(page.statusCode).toBe(200);
      const before = await rowsIn(form.rows);
      const token = tokenOn(page.body);
      expect(token, 'the form carries a one-time token').toBeDefined();
      expect(page.body.match(/data-maxlength="[1-9]\d*"/g)?.length ?? 0, 'every text box counts down').toBe(
        page.body.match(/<textarea/g)?.length ?? 0,
      );
      const first = await visitor.post(form.post(), { ...form.answers(1), _once: token! });
      expect(first.statusCode, first.body).toBe(302);
      const again = await visitor.post(form.post(), { ...form.answers(1), _once: token! });
      expect(again.statusCode).toBe(302);
      expect(again.headers.location).toBe(first.headers.location);
      expect(await rowsIn(form.rows)).toBe(before + 1);

      const next = tokenOn((await visitor.get(form.page())).body);
      expect(next).not.toBe(token);
      expect((await visitor.post(form.post(), { ...form.answers(2), _once: next! })).statusCode).toBe(302);
      expect(await rowsIn(form.rows)).toBe(before + 2);
    });
  }
});

describe('a form sent again', () => {
  const note = (n: number) => FORMS[0]!.answers(n);

  it('shows where the first send went, saying plainly that it was not saved twice, once', async () => {
    const token = tokenOn((await v.carer.get(FORMS[0]!.page())).body)!;
    await v.carer.post('/notes', { ...note(3), _once: token });
    const again = await v.carer.post('/notes', { ...note(3), _once: token });
    const page = await v.carer.get(String(again.headers.location));
    expect(page.body).toContain('It had already been saved, so it was not saved a second time');
    expect((await v.carer.get(String(again.headers.location))).body).not.toContain('It had already been saved');
  });

  it('makes one record of two sends at the same moment (a double click), both going where it went', async () => {
    const before = await rowsIn(dailyNotes);
    const token = tokenOn((await v.carer.get(FORMS[0]!.page())).body)!;
    const sends = await Promise.all([
      v.carer.post('/notes', { ...note(7), _once: token }),
      v.carer.post('/notes', { ...note(7), _once: token }),
    ]);
    expect(sends.map((s) => s.statusCode)).toEqual([302, 302]);
    expect(sends[0].headers.location).toBe(sends[1].headers.location);
    expect(await rowsIn(dailyNotes)).toBe(before + 1);
  });

  it('saves a form sent without a token as before, and does not spend the token of a form with something to fix', async () => {
    const before = await rowsIn(dailyNotes);
    await v.carer.post('/notes', note(4));
    await v.carer.post('/notes', note(4));
    const token = tokenOn((await v.carer.get(FORMS[0]!.page())).body)!;
    const wrong = await v.carer.post('/notes', { ...note(5), mood: '', _once: token });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).not.toContain(token);
    expect((await v.carer.post('/notes', { ...note(5), _once: token })).statusCode).toBe(302);
    expect(await rowsIn(dailyNotes)).toBe(before + 3);
  });

  it('forgets a person’s tokens spent over a day ago when they next send a form', async () => {
    await db.owner
      .insert(formTokens)
      .values({ token: 'spent-two-days-ago-xyz', userId: userIds.carer, spentAt: sql`now() - interval '2 days'` });
    const token = tokenOn((await v.carer.get(FORMS[0]!.page())).body)!;
    await v.carer.post('/notes', { ...note(6), _once: token });
    const kept = (await db.owner.select({ token: formTokens.token }).from(formTokens).where(eq(formTokens.userId, userIds.carer))).map(
      (t) => t.token,
    );
    expect(kept).toContain(token);
    expect(kept).not.toContain('spent-two-days-ago-xyz');
  });
});
