import type { BrowserContextOptions, BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { todayInUk } from '../../src/platform/dates.js';
import { checkAxe, checkPage, fillDate, signIn, takeBrowserProblems, test } from './harness.js';

/**
 * A scheme's own records, from nothing: every record below is entered through the pages, as a
 * scheme would, and none of the demo's people or carers is used (the demo gives only the staff
 * sign-ins a scheme needs). A new carer is taken from enquiry to approval, a new person from
 * referral to waiting; the carer is on the person's shortlist with a distance; both say yes in
 * their own sign-ins, go through every introduction step, and acknowledge their agreement.
 * Every page is checked with axe. The tests run in order, each going on from the one before.
 */

/**
 * Fictional postcodes near the demo scheme's town, not among the demo's own (theirs have a one-digit
 * district): loaded through the manager's postcode page, as an ONS Postcode Directory file.
 */
const POSTCODES = {
  carer: { postcode: 'NO14 2HB', latitude: 53.75, longitude: -2.46 },
  person: { postcode: 'NO11 3AB', latitude: 53.72, longitude: -2.46 },
  dayCentre: { postcode: 'NO12 5DC', latitude: 53.74, longitude: -2.46 },
};
const ONS_FILE = [
  'pcd,pcds,lat,long',
  ...Object.values(POSTCODES).map((p) => `${p.postcode.replace(' ', '')},${p.postcode},${p.latitude},${p.longitude}`),
].join('\r\n');

const CARER = { name: 'Rowan Ashdown', email: 'rowan.ashdown@example.org', password: 'rowan-first-password-2026' };
const PERSON = { name: 'Tamsin Fairweather', email: 'tamsin.fairweather@example.org', password: 'tamsin-first-password-2026' };

/** What one test leaves for the next: the records' addresses. */
const made = { signIns: '', carer: '', approved: '', person: '', waiting: '', proposal: '', answered: '', agreed: '', arrangement: '' };

/** A step needs what the steps before it made: without it, it fails at once, saying which is missing. */
function needs(...what: (keyof typeof made)[]) {
  for (const w of what) if (!made[w]) throw new Error(`An earlier step did not make the ${w} this step needs`);
}

/** The page as it is now: no error summary (saying what it says if there is one), axe happy, no script errors. */
async function isGood(page: Page) {
  const summary = page.locator('.govuk-error-summary');
  if (await summary.count()) throw new Error(`${page.url()} says: ${(await summary.textContent())?.replace(/\s+/g, ' ')}`);
  await checkAxe(page);
  expect(takeBrowserProblems(page)).toEqual([]);
}

/** Sends the form by its button and waits for the page it leads to, which must be good. */
async function send(page: Page, button: string, lands: (url: URL) => boolean = () => true) {
  await Promise.all([page.waitForNavigation({ url: lands }), page.getByRole('button', { name: button, exact: true }).click()]);
  await isGood(page);
}

/** Follows a link (by its name, or the link itself) and waits for the page, which must be good. */
async function follow(page: Page, link: string | RegExp | Locator, lands: (url: URL) => boolean = () => true) {
  const target =
    typeof link === 'string' || link instanceof RegExp
      ? page
          .getByRole('link', { name: link, exact: typeof link === 'string' })
          .or(page.getByRole('button', { name: link }))
          .first()
      : link;
  await Promise.all([page.waitForNavigation({ url: lands }), target.click()]);
  await isGood(page);
}

/** The link to a page, wherever it is on this one. */
const linkTo = (page: Page, href: string) => page.locator(`a[href="${href}"]`).first();

const path = (page: Page) => new URL(page.url()).pathname;
const at = (pattern: RegExp) => (url: URL) => pattern.test(url.pathname);
const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

/** A new browser context signed in as someone. */
async function signedIn(
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>,
  who: { email: string },
  password: string,
): Promise<Page> {
  const page = await (await openContext()).newPage();
  await signIn(page, who, password);
  await isGood(page);
  return page;
}

describe('a scheme’s own records, from nothing, in the browser', () => {
  test('a manager loads postcodes, and gives the new carer and the new person their own sign-ins', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/settings');
    await follow(page, 'Postcode lookup', at(/^\/settings\/postcodes$/));
    await page
      .getByLabel('Postcode files (CSV)')
      .setInputFiles({ name: 'onspd-extract.csv', mimeType: 'text/csv', buffer: Buffer.from(ONS_FILE) });
    await send(page, 'Load postcodes', at(/^\/settings\/postcodes$/));
    expect(await mainText(page)).toContain('3 postcodes loaded from 3 rows');

    for (const [who, role] of [
      [CARER, 'Shared Lives carer'],
      [PERSON, 'Person who uses Shared Lives'],
    ] as const) {
      await checkPage(page, '/team/new');
      await page.getByLabel('Full name').fill(who.name);
      await page.getByLabel('Email address').fill(who.email);
      await page.getByLabel(role, { exact: true }).check();
      await page.getByLabel('First password').fill(who.password);
      await send(page, 'Add to scheme', at(/^\/team\/[0-9a-f-]{36}$/));
      expect(await mainText(page)).toContain(who.email);
    }
    made.signIns = 'yes';
  });

  test('a worker takes a new carer’s enquiry, with a postcode, to approval: checks, panel, recommendation, decision', async ({
    page,
    hearth,
  }) => {
    const today = todayInUk();
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, '/carers/new');
    await page.getByLabel('Full name').fill(CARER.name);
    await page.getByLabel('Postcode (optional)').fill(POSTCODES.carer.postcode.toLowerCase().replace(' ', ''));
    await page.getByLabel('Area (optional)').fill('Millbank');
    await send(page, 'Add enquiry', at(/^\/carers\/[0-9a-f-]{36}$/));
    made.carer = path(page);
    expect(await mainText(page)).toContain(POSTCODES.carer.postcode);

    // Their own sign-in, linked to the record.
    await checkPage(page, `${made.carer}/edit`);
    await page.getByLabel('Their Hearth sign-in (optional)').fill(CARER.email);
    await send(page, 'Save details', at(/^\/carers\/[0-9a-f-]{36}$/));

    for (const stage of ['Initial visit', 'Assessment', 'Checks']) {
      await checkPage(page, `${made.carer}/stage`);
      await page.getByLabel(stage, { exact: true }).check();
      await send(page, 'Change stage');
      await expect.poll(() => page.locator('.govuk-tag').first().textContent()).toContain(stage);
    }

    // Their home: a spare bedroom for someone to live in, and what they enjoy.
    await checkPage(page, `${made.carer}/household/home`);
    await page.getByLabel('Bedrooms', { exact: true }).fill('3');
    await page.getByLabel('Spare bedrooms for someone to live in or stay').fill('1');
    await page.getByLabel('Interests (optional)').fill('gardening, baking, walking');
    await send(page, 'Save home details');

    // Every check and course the scheme needs, recorded as satisfactory.
    await checkPage(page, `${made.carer}/checks`);
    for (let i = 0; i < 20; i++) {
      const missing = page.locator('tbody tr', { has: page.locator('.govuk-tag--red') }).first();
      if (!(await missing.count())) break;
      await Promise.all([page.waitForNavigation(), missing.getByRole('link', { name: /Record/ }).click()]);
      await isGood(page);
      await page.getByLabel('Satisfactory', { exact: true }).check();
      await page.getByLabel('Reference (optional)').fill(`REF-${i + 1}`);
      await send(page, 'Save', at(/\/checks$/));
    }
    expect(await page.locator('.govuk-tag--red').count()).toBe(0);

    // A panel of its own, meeting today, and the carer's case on it.
    await checkPage(page, '/panel/new');
    await fillDate(page, 'When does the panel meet?', today);
    await page.getByLabel(hearth.signInFor('panel_member').name).check();
    await send(page, 'Add panel', at(/^\/panel\/[0-9a-f-]{36}$/));
    await follow(page, 'Add a carer to this panel');
    await page.getByLabel('Carer').selectOption({ label: `${CARER.name} (Checks)` });
    await page.getByLabel('Summary for the panel').fill('A warm household with a spare room; every check is done.');
    await send(page, 'Add to panel', at(/^\/panel\/cases\//));
    const caseUrl = path(page);
    await page.getByLabel('Approve').check();
    await page.getByLabel('1', { exact: true }).check();
    await page.getByLabel('Long-term (live-in)').check();
    await page.getByLabel('Learning disability').check();
    await send(page, 'Record the recommendation');
    expect(await mainText(page)).toContain('Waiting for a scheme manager to record the decision');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signed-out');
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, caseUrl);
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel('1', { exact: true }).check();
    await page.getByLabel('Long-term (live-in)').check();
    await page.getByLabel('Learning disability').check();
    await send(page, 'Record the decision');
    expect(await mainText(page)).toContain('Decided by');
    await checkPage(page, `${made.carer}/approval`);
    await expect.poll(() => page.locator('.govuk-tag').first().textContent()).toContain('Approved');
    made.approved = made.carer;
  });

  test('a worker records a referral for a new person with a postcode, accepts it, writes their profile and they wait for a match', async ({
    page,
    hearth,
  }) => {
    const today = todayInUk();
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, '/people/referrals/new');
    await page.getByLabel('Full name').fill(PERSON.name);
    await page.getByLabel('What they like to be called (optional)').fill('Tam');
    await page.getByLabel('Postcode (optional)').fill(POSTCODES.person.postcode);
    await page.getByLabel('Social worker').check();
    await page.getByLabel('Their name').fill('Priya Olawale');
    await fillDate(page, 'When was the referral received?', today);
    await page.getByLabel('Why have they been referred?').fill('Tam wants to leave a residential home and live with a family.');
    await page.getByLabel('Routine').check();
    await page.getByLabel('What does the person want?').fill('A garden, and to bake again.');
    await send(page, 'Record the referral', at(/^\/people\/[0-9a-f-]{36}$/));
    made.person = path(page);
    expect(await mainText(page)).toContain(POSTCODES.person.postcode);

    await checkPage(page, `${made.person}/details`);
    await page.getByLabel('Email they sign in to Hearth with (optional)').fill(PERSON.email);
    await send(page, 'Save details');

    await checkPage(page, `${made.person}/status`);
    await page.getByLabel('Accept the referral and start assessing').check();
    await fillDate(page, 'When did it happen?', today);
    await send(page, 'Save');

    await checkPage(page, `${made.person}/profile/edit`);
    await page.getByLabel('What people like and admire about me').fill('I am kind and I make people laugh.');
    await page.getByLabel('What is important to me').fill('My garden, my sister, and baking on Sundays.');
    await page.getByLabel('How best to support me').fill('Tell me what is happening next, and give me time.');
    await page.getByLabel('Who wrote it with them?').fill('Tam, with Priya from the council');
    await page.getByRole('group', { name: 'Is it in their own words?' }).getByLabel('Yes').check();
    await send(page, 'Save the profile');

    await checkPage(page, `${made.person}/communication`);
    await page.getByLabel('Easy Read').check();
    await send(page, 'Save communication needs');

    await checkPage(page, `${made.person}/needs/edit`);
    await page.getByLabel('Learning disability').check();
    await send(page, 'Save');

    await checkPage(page, `${made.person}/wishes`);
    await page.getByLabel('Live-in (long-term)').check();
    await page.getByLabel('Where do they want to live?').fill('Millbank');
    await page.getByLabel('Interests (optional)').fill('gardening, baking');
    await send(page, 'Save');

    await checkPage(page, `${made.person}/status`);
    await page.getByLabel('Assessment done: waiting for a match').check();
    await fillDate(page, 'When did it happen?', today);
    await send(page, 'Save');
    expect(await mainText(page)).toContain('Waiting for a match');
    made.waiting = made.person;
  });

  test('the new carer is on the new person’s shortlist with a distance and reasons; the worker proposes them', async ({ page, hearth }) => {
    needs('approved', 'waiting');
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, `${made.person}/matching`);
    const ours = page.locator('.hearth-shortlist__item', { hasText: CARER.name });
    await expect.poll(() => ours.count(), { message: `${CARER.name} on the shortlist: ${await mainText(page)}` }).toBe(1);
    const reasons = (await ours.textContent())!.replace(/\s+/g, ' ');
    expect(reasons).toContain('2 miles away');
    expect(reasons).toMatch(/based on \d of 8 things/);
    expect(reasons).toContain('Both enjoy gardening and baking');
    await ours.getByRole('checkbox').check();
    await send(page, 'Propose the chosen carers', at(/^\/matching\/proposals\/new$/));
    await page.getByLabel('Your note (optional)').fill('Both love a garden and baking.');
    await send(page, 'Propose', at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));
    made.proposal = path(page);
    expect(await mainText(page)).toContain('Waiting for the person and the carer to answer');
  });

  test('the person and the carer each say yes in their own sign-ins, from their own pages', async ({ openContext }) => {
    needs('signIns', 'proposal');
    const id = made.proposal.split('/').pop()!;

    // The person, in their Easy Read pages: Choose my carer, then the carer proposed.
    const person = await signedIn(openContext, PERSON, PERSON.password);
    await follow(person, 'Choose my carer', at(/^\/my\/carers$/));
    await follow(person, linkTo(person, `/my/carers/${id}`), at(/^\/my\/carers\/[0-9a-f-]{36}$/));
    expect(await mainText(person)).toContain('Rowan lives in Millbank');
    await send(person, 'Yes, I want to meet', at(/^\/my\/carers\/[0-9a-f-]{36}$/));
    expect(await mainText(person)).toContain('We have told your worker what you said');

    // The carer: Matching, then the person proposed.
    const carer = await signedIn(openContext, CARER, CARER.password);
    await follow(carer, linkTo(carer, '/matching'), at(/^\/matching$/));
    await follow(carer, linkTo(carer, made.proposal), at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));
    expect(await mainText(carer)).toContain('agreed to share this with you');
    await follow(carer, /Say yes/);
    await carer.getByLabel('Yes, I would like to meet').check();
    await send(carer, 'Send my answer', at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));
    expect(await mainText(carer)).toContain('Your answer is saved');
    made.answered = made.proposal;
  });

  test('every introduction step: the worker dates it, the person and the carer each say to go on; the match is agreed', async ({
    openContext,
    hearth,
  }) => {
    needs('answered');
    const today = todayInUk();
    const id = made.proposal.split('/').pop()!;
    const worker = await signedIn(openContext, hearth.signInFor('scheme_worker'), hearth.password);
    const person = await signedIn(openContext, PERSON, PERSON.password);
    const carer = await signedIn(openContext, CARER, CARER.password);
    let steps = 0;
    for (; steps < 8; steps++) {
      await checkPage(worker, made.proposal);
      const dateLink = worker.getByRole('link', { name: /Set the date/ }).first();
      if (!(await dateLink.count())) break;
      await follow(worker, dateLink);
      const legend = (await worker.locator('fieldset legend').first().textContent())!.trim();
      await fillDate(worker, legend, today);
      await send(worker, 'Save the date', at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));

      await checkPage(person, `/my/carers/${id}`);
      await send(person, 'Yes, go on', at(/^\/my\/carers\/[0-9a-f-]{36}$/));
      expect(await mainText(person)).toContain('We have told your worker what you said');

      await checkPage(carer, made.proposal);
      await follow(carer, 'Say if you want to go on');
      await carer.getByLabel('Yes, go on').check();
      await send(carer, 'Save', at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));
      expect(await mainText(carer)).toContain('Thank you for saying');
    }
    // The scheme's introduction steps, as set: first meeting, tea visit, overnight stay, trial period.
    expect(steps).toBe(4);
    await follow(worker, 'Record the agreed match');
    await fillDate(worker, 'Start date', today);
    await send(worker, 'Record the agreed match', at(/^\/matching\/proposals\/[0-9a-f-]{36}$/));
    expect(await mainText(worker)).toContain('The match is agreed');
    await checkPage(person, '/my/carers');
    expect(await mainText(person)).toContain('You chose Rowan');
    made.agreed = made.proposal;
  });

  test('the worker sets up the arrangement; the person, the carer and the scheme acknowledge its agreement', async ({
    openContext,
    hearth,
  }) => {
    needs('agreed');
    const worker = await signedIn(openContext, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(worker, made.proposal);
    await follow(worker, 'Set up the arrangement', at(/^\/arrangements\/new$/));
    await worker.getByLabel('Long-term (live-in)').check();
    await worker.getByLabel('The council').check();
    await send(worker, 'Start the arrangement', at(/^\/arrangements\/[0-9a-f-]{36}$/));
    made.arrangement = path(worker);
    await follow(worker, linkTo(worker, `${made.arrangement}/agreements`));
    await send(worker, 'Issue the agreement (shared lives arrangement agreement)', at(/\/agreements\/[0-9a-f-]{36}$/));
    const agreement = path(worker);

    // The person finds it under Your Shared Lives; the carer from Living together on their home page.
    const person = await signedIn(openContext, PERSON, PERSON.password);
    await checkPage(person, '/arrangements');
    const carer = await signedIn(openContext, CARER, CARER.password);
    await follow(carer, 'Living together', at(/^\/arrangements$/));
    for (const [page, who] of [
      [person, PERSON],
      [carer, CARER],
    ] as const) {
      await follow(page, linkTo(page, made.arrangement));
      await follow(page, linkTo(page, `${made.arrangement}/agreements`));
      await follow(page, linkTo(page, agreement));
      await send(page, 'I have read it and I agree', at(/\/agreements\/[0-9a-f-]{36}$/));
      expect(await mainText(page)).toContain(who.name);
    }

    await checkPage(worker, agreement);
    await worker.getByLabel('The scheme').check();
    await worker.getByLabel('Their name').fill(hearth.signInFor('scheme_worker').name);
    await worker.getByLabel('As whom').fill('scheme worker');
    await send(worker, 'Record acknowledgement');
    const text = await mainText(worker);
    for (const party of ['The person (or their representative)', 'The Shared Lives carer', 'The scheme']) expect(text).toContain(party);
    expect(await worker.getByText('No one yet').count()).toBe(0);

    // The carer's People you support lists the person they now support.
    await checkPage(carer, '/');
    await follow(carer, linkTo(carer, '/people'));
    expect(await mainText(carer)).toContain(PERSON.name);
  });
});
