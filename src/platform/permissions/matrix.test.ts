import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { testApp, Visitor } from '../testing/app.js';
import { aScheme, aUser } from '../testing/builders.js';
import { aCircleMember, aPerson } from '../../people/testing.js';
import { personPlaces, risks, supportNeedCategories } from '../../people/schema.js';
import { aCarer, aHouseholdMember, aPanel, defaultCheckTypes } from '../../carers/testing.js';
import { aProposal } from '../../matching/testing.js';
import { aStay } from '../../short-breaks/testing.js';
import { agreements, agreementTemplates } from '../../arrangements/schema.js';
import { anArrangement, defaultAgreementTemplates } from '../../arrangements/testing.js';
import { personMessages } from '../../my-hearth/schema.js';
import { aPlan, aPlanProposal } from '../../support-plans/testing.js';
import { aNote } from '../../notes/testing.js';
import { anIncident } from '../../incidents/testing.js';
import { aReview } from '../../reviews/testing.js';
import { ROLES, type Role } from './roles.js';

type Who = Role | 'signed out';

const everyone: Who[] = [...ROLES];
const staff: Who[] = ['scheme_manager', 'scheme_worker'];
const inScheme: Who[] = ROLES.filter((r) => r !== 'national_admin');
const carerRecords: Who[] = [...staff, 'carer'];
const panel: Who[] = [...staff, 'panel_member'];

/**
 * Who may use each route, written out by hand: a new route without a line here fails,
 * and so does a route whose rule lets in someone it should not (or keeps out someone it should not).
 */
const EXPECTED: Record<string, Who[] | 'anyone'> = {
  'GET /health': 'anyone',
  'GET /hearth/hearth.css': 'anyone',
  'GET /hearth/:file': 'anyone',
  'GET /assets/govuk-frontend.min.js': 'anyone',
  'GET /assets/*': 'anyone',
  'GET /symbols/:file': 'anyone',
  'GET /accessibility': 'anyone',
  'GET /sign-in': 'anyone',
  'POST /sign-in': 'anyone',
  'GET /signed-out': 'anyone',
  'GET /sign-in/link': 'anyone',
  'POST /sign-in/link': 'anyone',
  'GET /sign-in/link/:token': 'anyone',
  'POST /sign-in/link/:token': 'anyone',
  'POST /api/v1/sign-in/passkey/options': 'anyone',
  'POST /api/v1/sign-in/passkey': 'anyone',
  'GET /choose-scheme': everyone,
  'POST /choose-scheme': everyone,
  'GET /no-access': everyone,
  'GET /': everyone,
  'GET /account': everyone,
  'POST /account/password': everyone,
  'GET /account/reading': everyone,
  'POST /account/reading': everyone,
  'GET /help/easy-read': everyone,
  'POST /api/v1/passkeys/options': everyone,
  'POST /api/v1/passkeys': everyone,
  'POST /account/passkeys/:id/remove': everyone,
  'GET /carers': carerRecords,
  'GET /carers/board': carerRecords,
  'GET /carers/me': carerRecords,
  'GET /carers/new': staff,
  'POST /carers': staff,
  'GET /carers/:id': carerRecords,
  'GET /carers/:id/edit': staff,
  'POST /carers/:id': staff,
  'GET /carers/:id/stage': staff,
  'POST /carers/:id/stage': staff,
  'GET /carers/:id/household': carerRecords,
  'GET /carers/:id/household/home': staff,
  'POST /carers/:id/household/home': staff,
  'GET /carers/:id/household/new': staff,
  'POST /carers/:id/household': staff,
  'GET /carers/:id/household/:memberId': staff,
  'POST /carers/:id/household/:memberId': staff,
  'GET /carers/:id/approval': carerRecords,
  'GET /carers/:id/reviews': carerRecords,
  'GET /carers/:id/reviews/new': staff,
  'POST /carers/:id/reviews': staff,
  'GET /carers/:id/history': carerRecords,
  'GET /carers/:id/checks': carerRecords,
  'GET /carers/:id/checks/new': staff,
  'POST /carers/:id/checks': staff,
  'GET /carers/settings/checks': ['scheme_manager'],
  'GET /carers/settings/checks/new': ['scheme_manager'],
  'POST /carers/settings/checks': ['scheme_manager'],
  'GET /carers/settings/checks/:id': ['scheme_manager'],
  'POST /carers/settings/checks/:id': ['scheme_manager'],
  'GET /carers/import': staff,
  'GET /carers/import/template.csv': staff,
  'POST /carers/import': staff,
  'POST /carers/import/confirm': staff,
  'GET /carers/export.csv': staff,
  'GET /due': carerRecords,
  'GET /people': [...staff, 'carer', 'person', 'circle_member'],
  'GET /matching': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements': [...staff, 'carer', 'person', 'circle_member'],
  'GET /people/:id/matching': staff,
  'GET /carers/:id/matching': staff,
  'GET /matching/suggestions': staff,
  'GET /matching/proposals/new': staff,
  'POST /matching/proposals': staff,
  'POST /api/v1/matching/proposals': staff,
  'GET /api/v1/people/:id/shortlist': staff,
  'GET /matching/proposals/:id': [...staff, 'carer', 'person', 'circle_member'],
  'GET /matching/proposals/:id/answer': [...staff, 'carer', 'person'],
  'POST /matching/proposals/:id/answer': [...staff, 'carer', 'person'],
  'GET /matching/proposals/:id/steps/:position/date': staff,
  'POST /matching/proposals/:id/steps/:position/date': staff,
  'GET /matching/proposals/:id/steps/:position/go-on': [...staff, 'carer', 'person'],
  'POST /matching/proposals/:id/steps/:position/go-on': [...staff, 'carer', 'person'],
  'GET /matching/proposals/:id/stop': [...staff, 'carer', 'person'],
  'POST /matching/proposals/:id/stop': [...staff, 'carer', 'person'],
  'GET /matching/proposals/:id/agree': staff,
  'POST /matching/proposals/:id/agree': staff,
  'GET /settings/postcodes': ['scheme_manager', 'national_admin'],
  'POST /settings/postcodes': ['scheme_manager', 'national_admin'],
  'GET /matching/settings': ['scheme_manager'],
  'POST /matching/settings': ['scheme_manager'],
  'GET /arrangements/new': staff,
  'POST /arrangements': staff,
  'GET /arrangements/:id': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/:id/status': staff,
  'POST /arrangements/:id/status': staff,
  'GET /arrangements/:id/end': staff,
  'POST /arrangements/:id/end': staff,
  'GET /arrangements/:id/agreements': [...staff, 'carer', 'person', 'circle_member'],
  'POST /arrangements/:id/agreements': staff,
  'GET /arrangements/:id/agreements/:agreementId': [...staff, 'carer', 'person', 'circle_member'],
  'POST /arrangements/:id/agreements/:agreementId/acknowledge': [...staff, 'carer', 'person'],
  'GET /arrangements/settings/agreements': ['scheme_manager'],
  'GET /arrangements/settings/agreements/:kind': ['scheme_manager'],
  'POST /arrangements/settings/agreements/:kind': ['scheme_manager'],
  // The plan is on an ended arrangement: the person reads it; the carer and a circle member without consent see that it is not shared.
  'GET /arrangements/:id/plan': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/:id/plan/versions/:version': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/:id/plan/edit': staff,
  'POST /arrangements/:id/plan': staff,
  'GET /arrangements/:id/plan/propose': ['carer', 'person', 'circle_member'],
  'POST /arrangements/:id/plan/proposals': ['carer', 'person', 'circle_member'],
  'GET /arrangements/:id/plan/proposals/:proposalId': [...staff, 'carer', 'person', 'circle_member'],
  'POST /arrangements/:id/plan/proposals/:proposalId/replies': [...staff, 'carer', 'person', 'circle_member'],
  'POST /arrangements/:id/plan/proposals/:proposalId/accept': staff,
  'POST /arrangements/:id/plan/proposals/:proposalId/decline': staff,
  'POST /arrangements/:id/plan/proposals/:proposalId/noted': staff,
  'GET /support-plans/proposals': staff,
  'GET /notes': carerRecords,
  'GET /notes/new': carerRecords,
  'POST /notes': carerRecords,
  'GET /notes/:id': carerRecords,
  'POST /notes/:id/dealt-with': staff,
  'GET /arrangements/:id/notes': [...staff, 'carer', 'person', 'circle_member'],
  'GET /incidents': carerRecords,
  'GET /incidents/new': carerRecords,
  'POST /incidents': carerRecords,
  'GET /incidents/:id': carerRecords,
  'POST /incidents/:id/follow-ups': carerRecords,
  'POST /incidents/:id/notification': staff,
  'POST /incidents/:id/dealt-with': staff,
  'POST /incidents/:id/close': staff,
  'GET /attention': staff,
  'GET /arrangements/:id/reviews': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/:id/reviews/new': staff,
  'POST /arrangements/:id/reviews': staff,
  'GET /arrangements/:id/reviews/:reviewId': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/:id/reviews/:reviewId/person': [...staff, 'person'],
  'POST /arrangements/:id/reviews/:reviewId/person': [...staff, 'person'],
  'GET /arrangements/:id/reviews/:reviewId/person/:question': [...staff, 'person'],
  'POST /arrangements/:id/reviews/:reviewId/person/:question': [...staff, 'person'],
  'GET /arrangements/:id/reviews/:reviewId/carer': carerRecords,
  'POST /arrangements/:id/reviews/:reviewId/carer': carerRecords,
  'GET /arrangements/:id/reviews/:reviewId/complete': staff,
  'POST /arrangements/:id/reviews/:reviewId/complete': staff,
  'GET /arrangements/:id/wellbeing': [...staff, 'carer', 'person', 'circle_member'],
  'GET /arrangements/settings/reviews': ['scheme_manager'],
  'POST /arrangements/settings/reviews': ['scheme_manager'],
  'GET /panel': panel,
  'GET /panel/new': staff,
  'POST /panel': staff,
  'GET /panel/:id': panel,
  'GET /panel/:id/cases/new': staff,
  'POST /panel/:id/cases': staff,
  'GET /panel/cases/:id': panel,
  'POST /panel/cases/:id/view': ['panel_member'],
  'POST /panel/cases/:id/recommendation': staff,
  'POST /panel/cases/:id/decision': ['scheme_manager'],
  'GET /panel/carers/:id/decision': ['scheme_manager'],
  'POST /panel/carers/:id/decision': ['scheme_manager'],
  'GET /payments': ['scheme_manager', 'carer'],
  'GET /coproduction': inScheme.filter((r) => r !== 'commissioner'),
  'GET /time-credits': [...staff, 'carer', 'person', 'ambassador'],
  'GET /homeshare': staff,
  'GET /outcomes': [...staff, 'person', 'circle_member'],
  'GET /reports': ['scheme_manager', 'commissioner', 'national_admin'],
  'GET /settings': ['scheme_manager'],
  'GET /team': ['scheme_manager'],
  'GET /team/new': ['scheme_manager'],
  'POST /team': ['scheme_manager'],
  'GET /team/:id': ['scheme_manager'],
  'POST /team/:id/end': ['scheme_manager'],
  'GET /api/v1/team': ['scheme_manager'],
  'POST /api/v1/team': ['scheme_manager'],
  'GET /people/referrals/new': staff,
  'POST /people/referrals': staff,
  'GET /people/:id': [...staff, 'person', 'circle_member'],
  'GET /people/:id/details': staff,
  'POST /people/:id/details': staff,
  'GET /people/:id/status': staff,
  'POST /people/:id/status': staff,
  'GET /people/:id/profile': staff,
  'GET /people/:id/profile/edit': staff,
  'POST /people/:id/profile': staff,
  'GET /people/:id/communication': staff,
  'POST /people/:id/communication': staff,
  'GET /people/:id/needs': staff,
  'GET /people/:id/needs/edit': staff,
  'POST /people/:id/needs': staff,
  'GET /people/:id/wishes': staff,
  'POST /people/:id/wishes': staff,
  'GET /people/:id/risks/new': staff,
  'POST /people/:id/risks': staff,
  'GET /people/:id/risks/:riskId': staff,
  'POST /people/:id/risks/:riskId': staff,
  'GET /people/:id/places/new': staff,
  'POST /people/:id/places': staff,
  'GET /people/:id/places/:placeId': staff,
  'POST /people/:id/places/:placeId': staff,
  'GET /people/:id/circle': staff,
  'GET /people/:id/circle/new': staff,
  'POST /people/:id/circle': staff,
  'GET /people/:id/circle/:memberId': staff,
  'POST /people/:id/circle/:memberId': staff,
  'POST /people/:id/circle/:memberId/end': staff,
  'GET /people/import': staff,
  'GET /people/import/template.csv': staff,
  'POST /people/import': staff,
  'POST /people/import/confirm': staff,
  'GET /people/export.csv': staff,
  'GET /people/settings/needs': ['scheme_manager'],
  'POST /people/settings/needs': ['scheme_manager'],
  'POST /people/settings/needs/:categoryId/retire': ['scheme_manager'],
  'GET /calendar': [...staff, 'carer', 'person', 'circle_member'],
  // Booking is for staff; the person and their circle only where the scheme allows it (here it does not).
  'GET /calendar/bookings/new': staff,
  'POST /calendar/bookings': staff,
  'GET /calendar/bookings/:id': [...staff, 'carer', 'person', 'circle_member'],
  'POST /calendar/bookings/:id/cancel': staff,
  'GET /calendar/availability': carerRecords,
  'POST /calendar/availability': carerRecords,
  'POST /calendar/availability/:id/remove': carerRecords,
  'GET /calendar/breaks': carerRecords,
  'POST /calendar/breaks': carerRecords,
  'POST /calendar/breaks/:id/remove': carerRecords,
  'POST /calendar/breaks/allowance': staff,
  'GET /calendar/settings': ['scheme_manager'],
  'POST /calendar/settings': ['scheme_manager'],
  'GET /calendar/link': [...staff, 'carer', 'person', 'circle_member'],
  'POST /calendar/link': [...staff, 'carer', 'person', 'circle_member'],
  'GET /calendar/feed/:file': 'anyone',
  'GET /audit': ['scheme_manager', 'national_admin'],
  'GET /outbox': ['scheme_manager', 'national_admin'],
  'GET /schemes': ['national_admin'],
  'GET /schemes/new': ['national_admin'],
  'POST /schemes': ['national_admin'],
  'POST /sign-out': everyone,
  'GET /my/home': ['person'],
  'GET /my/carers': ['person'],
  'GET /my/carers/:id': ['person'],
  'POST /my/carers/:id/answer': ['person'],
  'POST /my/carers/:id/steps/:position': ['person'],
  'POST /my/carers/:id/stop': ['person'],
  'GET /my/tell': ['person'],
  'POST /my/tell': ['person'],
  'GET /my/messages/:id': ['person'],
  'GET /my/feelings': ['person'],
  'POST /my/feelings': ['person'],
  'GET /my/looked': ['person'],
  'GET /my/plan': ['person'],
  'GET /my/reviews': ['person'],
  'GET /messages': staff,
  'GET /messages/:id': staff,
  'POST /messages/:id/reply': staff,
  'POST /messages/:id/dealt-with': staff,
};

describe('permission matrix: every route as every role, and signed out', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  const visitors = new Map<Who, Visitor>();
  const users = new Map<Role, string>();
  /** Real ids for route parameters, by the route's first path segment ('*' for any route). */
  const params: Record<string, Record<string, string>> = { '*': { file: 'hearth-logo.svg' }, symbols: { file: 'home.svg' } };
  const fill = (url: string) =>
    url
      .replace(/:(\w+)/g, (_, name: string) => params[url.split('/')[1]!]?.[name] ?? params['*']![name] ?? name)
      .replace('*', 'images/favicon.ico');

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const scheme = await aScheme(db);
    for (const role of ROLES) {
      const user = await aUser(db, { role, schemeId: role === 'national_admin' ? null : scheme.id });
      const visitor = new Visitor(app);
      await visitor.signIn(user.email);
      visitors.set(role, visitor);
      users.set(role, user.id);
    }
    const outsider = new Visitor(app);
    await outsider.get('/sign-in');
    visitors.set('signed out', outsider);
    params.team = { id: (await aUser(db, { role: 'carer', schemeId: scheme.id })).membership.id };
    // The carer-role visitor's own record, at the approval panel, with someone at home; a panel the panel member sits on.
    await defaultCheckTypes(db, scheme.id);
    const carer = await aCarer(db, { schemeId: scheme.id, stage: 'panel', userId: users.get('carer')! });
    params.carers = { id: carer.id, memberId: (await aHouseholdMember(db, carer)).id };
    params.panel = { id: (await aPanel(db, scheme.id, { memberUserIds: [users.get('panel_member')!] })).id };
    // The person-role visitor's own record, and the circle visitor consented to by that person.
    const person = await aPerson(db, { schemeId: scheme.id, status: 'assessing', userId: users.get('person')! });
    await aCircleMember(db, person, { userId: users.get('circle_member')!, consents: ['profile'] });
    params.people = {
      id: person.id,
      memberId: (await aCircleMember(db, person, { name: 'Spare Member' })).id,
      riskId: (
        await db.owner
          .insert(risks)
          .values({ schemeId: scheme.id, personId: person.id, risk: 'Falls', positiveSteps: 'Grab rails' })
          .returning()
      )[0]!.id,
      categoryId: (await db.owner.insert(supportNeedCategories).values({ schemeId: scheme.id, name: 'Spare need' }).returning())[0]!.id,
      placeId: (
        await db.owner.insert(personPlaces).values({ schemeId: scheme.id, personId: person.id, label: 'Mum', kind: 'family' }).returning()
      )[0]!.id,
    };
    params.api = { id: person.id };
    // A proposal of the carer-role visitor to the person-role visitor.
    params.matching = {
      id: (
        await aProposal(db, { schemeId: scheme.id, personId: person.id, carerId: carer.id, proposedByUserId: users.get('scheme_worker')! })
      ).id,
      position: '1',
    };
    // A short break at the carer-role visitor's home, for the person-role visitor (their circle sees it too).
    params.calendar = { id: (await aStay(db, carer, person, { from: '2030-01-01', to: '2030-01-03' })).id };
    // An arrangement (ended, as the carer-role visitor is not approved) between the carer and person visitors, with an agreement issued.
    await defaultAgreementTemplates(db, scheme.id);
    const arrangement = await anArrangement(db, { schemeId: scheme.id, personId: person.id, carerId: carer.id, status: 'ended' });
    const [template] = await db.owner.select().from(agreementTemplates).where(eq(agreementTemplates.schemeId, scheme.id)).limit(1);
    const [agreement] = await db.owner
      .insert(agreements)
      .values({
        schemeId: scheme.id,
        arrangementId: arrangement.id,
        kind: 'arrangement',
        version: 1,
        templateId: template!.id,
        templateVersion: 1,
        title: 'Agreement',
        body: 'Text',
        easyRead: 'Easy Read',
      })
      .returning();
    const plan = await aPlan(db, arrangement);
    const proposal = await aPlanProposal(db, plan, { userId: users.get('person')!, role: 'person' });
    params.arrangements = { id: arrangement.id, agreementId: agreement!.id, kind: 'arrangement', version: '1', proposalId: proposal.id };
    // A message the person-role visitor sent the scheme (a proposal id is not needed: a person's own page answers 404 for another id).
    const [message] = await db.owner
      .insert(personMessages)
      .values({ schemeId: scheme.id, personId: person.id, kind: 'worry', words: 'A worry' })
      .returning();
    params.my = { id: message!.id, position: '1' };
    params.messages = { id: message!.id };
    // A flagged daily note and a serious incident on that arrangement.
    params.notes = { id: (await aNote(db, arrangement, { flagReason: 'A worry' })).id };
    params.incidents = { id: (await anIncident(db, arrangement, { severity: 'serious' })).id };
    // An open review of it, which the person and the carer may add their views to.
    const review = await aReview(db, { schemeId: scheme.id, arrangementId: arrangement.id, heldOn: '2026-01-10' });
    params.arrangements = { id: arrangement.id, agreementId: agreement!.id, kind: 'arrangement', reviewId: review.id, question: 'carer' };
  });
  afterAll(async () => close());

  it('has an expected line for every route, and a route for every line', () => {
    const routes = app.accessRules.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const denied = (status: number, location: unknown) =>
    status === 401 || status === 403 || (status === 302 && String(location).startsWith('/sign-in'));

  it('lets in exactly the expected roles', async () => {
    const surprises: string[] = [];
    // Reading first, so what a post changes (ending a circle membership) cannot change who may read;
    // sign-out last, since it ends the session the other requests use.
    const order = (r: { method: string; url: string }) => (r.url === '/sign-out' ? 2 : r.method === 'GET' ? 0 : 1);
    const rules = [...app.accessRules].sort((a, b) => order(a) - order(b));
    for (const rule of rules) {
      const key = `${rule.method} ${rule.url}`;
      const url = fill(rule.url);
      for (const [who, visitor] of visitors) {
        const response =
          rule.method === 'GET'
            ? await visitor.get(url)
            : url.startsWith('/api/')
              ? await visitor.json('POST', url, {})
              : await visitor.post(url, {});
        const expected = EXPECTED[key]!;
        const shouldAllow = expected === 'anyone' || (who !== 'signed out' && expected.includes(who));
        const wasDenied = denied(response.statusCode, response.headers.location);
        if (response.statusCode >= 500) surprises.push(`${key} as ${who}: ${response.statusCode}`);
        else if (shouldAllow === wasDenied)
          surprises.push(`${key} as ${who}: expected ${shouldAllow ? 'allowed' : 'denied'}, got ${response.statusCode}`);
      }
    }
    expect(surprises).toEqual([]);
  }, 180_000); // About 1,500 requests, every route as every role.
});
