import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import { todayInUk } from '../platform/dates.js';
import { easyReadLines } from '../platform/easy-read/testing.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { matchingPreferences } from '../people/schema.js';
import { aPerson } from '../people/testing.js';
import { introductionSteps, matchingSettings, matchProposals } from './schema.js';
import { aMatchableCarer } from './testing.js';

/**
 * Matching over real HTTP that is honest about what it does not know: gaps earn nothing, carers
 * and people without a location are kept, one score on every page, and an agreed match closes
 * the person's other proposals.
 */
describe('matching that is honest about what it does not know', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const visitors: Record<'worker' | 'nia' | 'rhiannon', Visitor> = {} as never;
  let nia: Awaited<ReturnType<typeof aPerson>>;
  let owain: Awaited<ReturnType<typeof aPerson>>;
  let alder: Awaited<ReturnType<typeof aMatchableCarer>>;
  let birch: Awaited<ReturnType<typeof aMatchableCarer>>;

  const signedIn = async (role: Parameters<typeof aUser>[1]['role'], name: string) => {
    const user = await aUser(db, { role, schemeId, name });
    const visitor = new Visitor(app);
    await visitor.signIn(user.email);
    return { user, visitor };
  };
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/\s+/g, ' ')
      .replace(/ ([,.])/g, '$1');
  const proposalOf = async (carerId: string) =>
    (
      await db.owner
        .select()
        .from(matchProposals)
        .where(and(eq(matchProposals.personId, nia.id), eq(matchProposals.carerId, carerId)))
    )[0]!;

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    visitors.worker = (await signedIn('scheme_worker', 'Gwen Harker')).visitor;
    const niaUser = await signedIn('person', 'Nia Calder');
    visitors.nia = niaUser.visitor;
    const rhiannon = await signedIn('carer', 'Rhiannon Alder');
    visitors.rhiannon = rhiannon.visitor;
    nia = await aPerson(db, {
      schemeId,
      name: 'Nia Calder',
      status: 'waiting',
      userId: niaUser.user.id,
      latitude: 54.97,
      longitude: -1.61,
      area: 'Riverside',
    });
    owain = await aPerson(db, { schemeId, name: 'Owain Price', status: 'waiting' });
    for (const person of [nia, owain])
      await db.owner.insert(matchingPreferences).values({ schemeId, personId: person.id, interests: ['Swimming', 'Baking'] });
    alder = await aMatchableCarer(db, {
      schemeId,
      name: 'Rhiannon Alder',
      userId: rhiannon.user.id,
      latitude: 54.98,
      longitude: -1.6,
      home: { interests: ['swimming'] },
    });
    birch = await aMatchableCarer(db, {
      schemeId,
      name: 'Tomas Birch',
      latitude: null,
      longitude: null,
      home: { interests: ['baking', 'swimming'] },
    });
    await aMatchableCarer(db, {
      schemeId,
      name: 'Iwan Cedar',
      latitude: 55.55,
      longitude: -1.61,
      home: { interests: ['swimming'] },
    });
    await db.owner.insert(matchingSettings).values({ schemeId, maxMiles: 20 });
  });
  afterAll(async () => close());

  it('gives nothing for what is not known, says so, and says how complete the picture is for each carer', async () => {
    const json = JSON.parse((await visitors.worker.json('GET', `/api/v1/people/${nia.id}/shortlist`)).body) as {
      suitable: { name: string; score: number; known: number; of: number; contributions: { points: number; known: boolean }[] }[];
    };
    expect(json.suitable.map((s) => [s.name, s.score, s.known, s.of])).toEqual([
      ['Tomas Birch', 20, 1, 8],
      ['Rhiannon Alder', 10, 1, 8],
    ]);
    for (const s of json.suitable) {
      expect(s.contributions.filter((c) => !c.known).every((c) => c.points === 0)).toBe(true);
      expect(s.contributions.reduce((sum, c) => sum + c.points, 0)).toBeCloseTo(s.score, 1);
    }
    const page = text((await visitors.worker.get(`/people/${nia.id}/matching`)).body);
    expect(page).toContain('Tomas Birch, Riverside · score 20, based on 1 of 8 things');
    expect(page).toContain('Not known yet, so no points');
    expect(page).toContain('Places that matter not known: none recorded yet');
    expect(page).not.toMatch(/\d+ points: (No places that matter|No worker's note)/);
  });

  it('keeps a carer with no location, distance not known, whatever the distance limit; and a person with none', async () => {
    const page = text((await visitors.worker.get(`/people/${nia.id}/matching?excluded=1`)).body);
    expect(page).toMatch(/Tomas Birch, Riverside · score 20, based on 1 of 8 things Distance not known · 2 free places/);
    expect(page).toMatch(/Rhiannon Alder, Riverside · score 10, based on 1 of 8 things 1 mile away/);
    expect(page).toContain("Iwan Cedar, Riverside 40 miles away: more than the scheme's 20-mile limit");

    const unlocated = text((await visitors.worker.get(`/people/${owain.id}/matching`)).body);
    expect(unlocated).toContain('Hearth does not know where they live: no postcode is recorded');
    expect(unlocated).toContain('Carers are still listed, with distance not known, and no distance limit rules them out');
    for (const name of ['Tomas Birch', 'Rhiannon Alder', 'Iwan Cedar'])
      expect(unlocated).toMatch(new RegExp(`${name}, Riverside · score \\d+`));
    expect(unlocated.match(/Distance not known/g)).toHaveLength(3);
  });

  it('shows one score on the shortlist, the propose page and the person’s own page; the worker’s note counts for staff only', async () => {
    const draft = text((await visitors.worker.get(`/matching/proposals/new?person=${nia.id}&carer=${birch.id}`)).body);
    expect(draft).toContain('Tomas Birch, Riverside (score 20, based on 1 of 8 things)');
    expect(
      (await visitors.worker.post('/matching/proposals', { personId: nia.id, carerIds: birch.id, shares: 'profile' })).statusCode,
    ).toBe(302);
    const proposed = await proposalOf(birch.id);
    expect(proposed.score).toBe(20);
    expect(text((await visitors.worker.get(`/matching/proposals/${proposed.id}`)).body)).toContain(
      'Why Hearth suggested it: 20 out of 100, based on 1 of 8 things',
    );
    expect(easyReadLines((await visitors.nia.get(`/my/carers/${proposed.id}`)).body)).toContain(
      'Hearth gives you and Tomas a score of 20 out of 100.',
    );
    expect(text((await visitors.worker.get(`/people/${nia.id}/matching`)).body)).toContain(
      'Tomas Birch, Riverside · score 20, based on 1 of 8 things',
    );

    // A hopeful note is something known about the pair: it earns its points, in the worker's words only.
    await visitors.worker.get(`/matching/proposals/new?person=${nia.id}&carer=${alder.id}`);
    const withNote = await visitors.worker.post('/matching/proposals', {
      personId: nia.id,
      carerIds: alder.id,
      shares: 'profile',
      note: 'Both swim at the lido',
      noteView: 'hopeful',
    });
    expect(withNote.statusCode).toBe(302);
    const noted = await proposalOf(alder.id);
    expect(noted.score).toBe(15);
    const shortlist = text((await visitors.worker.get(`/people/${nia.id}/matching`)).body);
    expect(shortlist).toContain('Rhiannon Alder, Riverside · score 15, based on 2 of 8 things');
    expect(shortlist).toContain('5 points: Worker’s note: Both swim at the lido'.replace('’', "'"));
    expect(easyReadLines((await visitors.nia.get(`/my/carers/${noted.id}`)).body)).toContain(
      'Hearth gives you and Rhiannon a score of 15 out of 100.',
    );
    expect(JSON.stringify(noted.explanation.person)).not.toContain('lido');
    expect(JSON.stringify(noted.explanation.carer)).not.toContain('lido');
    expect(text((await visitors.nia.get(`/matching/proposals/${noted.id}`)).body)).not.toContain('lido');
  });

  it('closes the person’s other proposals when a match is agreed, telling each carer kindly', async () => {
    const chosen = await proposalOf(birch.id);
    const today = todayInUk();
    await db.owner
      .update(matchProposals)
      .set({ personAnswer: 'yes', personAnsweredAt: new Date(), carerAnswer: 'yes', carerAnsweredAt: new Date() })
      .where(eq(matchProposals.id, chosen.id));
    await db.owner
      .update(introductionSteps)
      .set({
        plannedOn: today,
        personGoOn: true,
        personRecordedAt: new Date(),
        carerGoOn: true,
        carerRecordedAt: new Date(),
      })
      .where(eq(introductionSteps.proposalId, chosen.id));
    expect(easyReadLines((await visitors.nia.get('/my/carers')).body)).toContain('Meet Rhiannon');

    await visitors.worker.get(`/matching/proposals/${chosen.id}/agree`);
    const [y, m, d] = today.split('-');
    const agreed = await visitors.worker.post(`/matching/proposals/${chosen.id}/agree`, {
      'startsOn-day': d!,
      'startsOn-month': m!,
      'startsOn-year': y!,
    });
    expect(agreed.statusCode).toBe(302);

    const other = await proposalOf(alder.id);
    expect(other).toMatchObject({ stoppedBy: 'scheme', closedByMatchId: chosen.id });
    expect(other.stoppedAt).not.toBeNull();
    const kind = 'They chose to go ahead with another carer. Thank you for being open to meeting them';
    expect(text((await visitors.rhiannon.get('/matching')).body)).toContain(kind);
    expect(text((await visitors.rhiannon.get(`/matching/proposals/${other.id}`)).body)).toContain(kind);

    const choose = easyReadLines((await visitors.nia.get('/my/carers')).body);
    expect(choose).toContain('You chose Tomas.');
    expect(choose).not.toContain('Meet Rhiannon');
    expect(choose.join(' ')).not.toContain('stopped');
    const closed = await visitors.nia.get(`/my/carers/${other.id}`);
    expect(closed.body).not.toContain('action="/my/carers/' + other.id + '/answer"');
    expect(easyReadLines(closed.body)).toContain('You chose another carer.');
  });
});
