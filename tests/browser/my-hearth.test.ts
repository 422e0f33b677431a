import { and, eq, inArray } from 'drizzle-orm';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { todayInUk } from '../../src/platform/dates.js';
import { matchProposals } from '../../src/matching/schema.js';
import { matchingService } from '../../src/matching/service.js';
import { people } from '../../src/people/schema.js';
import { memberships, users } from '../../src/platform/db/schema.js';
import { readability } from '../../src/platform/easy-read/readability.js';
import type { Actor } from '../../src/platform/http/types.js';
import { QUESTIONS } from '../../src/reviews/words.js';
import {
  checkAxe,
  checkPage,
  chooseReading,
  DESKTOP,
  fixedCarersArrangement,
  PHONE,
  pressTo,
  scrollsSideways,
  signIn,
  tabTo,
  takeBrowserProblems,
  test,
  type Hearth,
} from './harness.js';

/**
 * The person's own Hearth in a real browser, as the demo person: every task done with the keyboard
 * only (Tab, Enter, Space), the focus always visible and never covered, at 320 px and at desktop
 * width, axe on every page, read aloud offered with JavaScript and absent without, and each page's
 * weight (everything it transfers, cold) under 150 KB. The measured figures are printed for the note.
 */

const PERSON_PAGES = ['/', '/my/home', '/my/carers', '/my/tell', '/my/feelings', '/my/looked', '/my/plan', '/my/reviews'];
const LIMIT = 150 * 1024;

/** A stand-in for the browser's speech (headless Chromium has no voices): records what it is asked to say. */
function fakeSpeech() {
  const spoken: string[] = [];
  class Utterance extends EventTarget {
    lang = '';
    rate = 1;
    voice: unknown = null;
    constructor(readonly text: string) {
      super();
    }
  }
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak(u: Utterance) {
        spoken.push(u.text);
        setTimeout(() => {
          u.dispatchEvent(new Event('start'));
          u.dispatchEvent(new Event('end'));
        }, 1);
      },
      cancel() {},
      pause() {},
      resume() {},
      getVoices: () => [],
    },
  });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  (window as unknown as { spoken: string[] }).spoken = spoken;
}

/** Goes to a page by tabbing to its link and pressing Enter, from the top of the page. */
async function follow(page: Page, link: string | RegExp, lands: (url: URL) => boolean) {
  await tabTo(page, link);
  await pressTo(page, 'Enter', lands);
  await checkAxe(page);
}

const path = (p: string) => (url: URL) => url.pathname === p;
const startsWith = (p: string) => (url: URL) => url.pathname.startsWith(p);

/** The demo person's proposal whose carer already said yes, and the other; and the demo worker, for dating a step. */
async function demoFacts(hearth: Hearth) {
  const email = (role: 'person' | 'scheme_worker') => hearth.signInFor(role).email;
  const [person] = await hearth.db.owner
    .select({ id: people.id, schemeId: people.schemeId })
    .from(people)
    .innerJoin(users, eq(users.id, people.userId))
    .where(eq(users.email, email('person')));
  const proposals = await hearth.db.owner
    .select({ id: matchProposals.id, carerAnswer: matchProposals.carerAnswer })
    .from(matchProposals)
    .where(eq(matchProposals.personId, person!.id));
  const [worker] = await hearth.db.owner
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email('scheme_worker')), inArray(memberships.role, ['scheme_worker'])));
  const actor: Actor = { userId: worker!.id, schemeId: person!.schemeId, role: 'scheme_worker', name: worker!.name };
  return {
    saidYes: proposals.find((p) => p.carerAnswer === 'yes')!.id,
    notYet: proposals.find((p) => p.carerAnswer === null)!.id,
    dateStep: (id: string, position: number) => matchingService(hearth.db).date(actor, id, position, todayInUk()),
  };
}

/** Every byte a page transfers when loaded cold (a new browser profile): the page, its stylesheet, scripts and symbols. */
async function pageWeight(
  context: BrowserContext,
  open: (options: BrowserContextOptions) => Promise<BrowserContext>,
  url: string,
  javaScriptEnabled: boolean,
) {
  const cold = await open({ javaScriptEnabled, storageState: await context.storageState() });
  const page = await cold.newPage();
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.setViewportSize(PHONE);
  await page.goto(url, { waitUntil: 'networkidle' });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await cold.close();
  return { bytes, requests: sizes.length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('the person’s own Hearth, in a browser, with a keyboard only', () => {
  test('every task at 320 px with the keyboard: choose my carer, tell someone, how I feel, who looked, my home', async ({
    context,
    hearth,
  }) => {
    await context.addInitScript(fakeSpeech);
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await signIn(page, hearth.signInFor('person'), hearth.password);
    const facts = await demoFacts(hearth);
    await checkAxe(page);
    expect(await scrollsSideways(page)).toBe(false);

    // Read aloud is offered (first, as her record says someone reads with her) and works from the keyboard.
    await tabTo(page, 'Read this page to me');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length)).toBeGreaterThan(5);
    expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken[0])).toMatch(/^Hello, /);

    // Choose my carer: maybe, then no, to one; yes to the other (whose carer said yes), then go on after the first meeting.
    await follow(page, 'Choose my carer', path('/my/carers'));
    await page.goto('/my/carers');
    await follow(page, /^Meet /, startsWith('/my/carers/'));
    await page.goto(`/my/carers/${facts.notYet}`);
    await tabTo(page, 'Maybe, I want to think');
    await pressTo(page, 'Space', (url) => url.search === '?done=answered');
    await checkAxe(page);
    expect(await page.getByText('You said maybe.').isVisible()).toBe(true);
    await tabTo(page, 'No, thank you');
    await pressTo(page, 'Enter', (url) => url.search === '?done=answered');
    expect(await page.getByText('You said stop.').isVisible()).toBe(true);

    await page.goto(`/my/carers/${facts.saidYes}`);
    await tabTo(page, 'Yes, I want to meet');
    await pressTo(page, 'Enter', (url) => url.search === '?done=answered');
    await checkAxe(page);
    expect(await page.getByText(/both said yes/).isVisible()).toBe(true);
    await facts.dateStep(facts.saidYes, 1);
    await page.goto(`/my/carers/${facts.saidYes}`);
    expect(await page.getByText('How did the first meeting go?').isVisible()).toBe(true);
    await tabTo(page, 'Yes, go on');
    await pressTo(page, 'Space', (url) => url.search === '?done=said');
    expect(await page.getByText('First meeting: you said go on.').isVisible()).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);

    // Tell someone: a worry, with pictures chosen by Space and words typed, then help now.
    await page.goto('/');
    await follow(page, 'Tell someone', path('/my/tell'));
    await tabTo(page, 'Food');
    await page.keyboard.press('Space');
    await tabTo(page, 'My carer');
    await page.keyboard.press('Space');
    await tabTo(page, /Write it here/);
    await page.keyboard.type('The dinners are too spicy for me.');
    await tabTo(page, 'I am worried');
    await pressTo(page, 'Enter', (url) => url.pathname.startsWith('/my/messages/') && url.search === '?sent=1');
    await checkAxe(page);
    expect(await page.getByText('It is about: food.').isVisible()).toBe(true);
    expect(await page.getByText(/^It went to .+, your worker, at \d\d:\d\d\.$/).isVisible()).toBe(true);
    await page.goto('/my/tell');
    await tabTo(page, 'I need help now');
    await pressTo(page, 'Enter', (url) => url.search === '?sent=1');
    expect(await page.getByText('Someone will help you soon.').isVisible()).toBe(true);

    // How I feel: sad, with words; it reaches her worker.
    await page.goto('/');
    await follow(page, 'How I feel', path('/my/feelings'));
    await tabTo(page, /You can write why/);
    await page.keyboard.type('I miss my sister.');
    await tabTo(page, 'Sad');
    await pressTo(page, 'Enter', (url) => url.search.startsWith('?done=not-ok'));
    await checkAxe(page);
    expect(await page.getByText(/^We told .+, your worker\.$/).isVisible()).toBe(true);

    // Who looked at my record, and my home.
    await page.goto('/');
    await follow(page, 'Who looked at my record', path('/my/looked'));
    expect(await page.locator('main .hearth-er-text').count()).toBeGreaterThan(2);
    await page.goto('/');
    await follow(page, 'My home', path('/my/home'));
    expect(await page.getByText('My next short breaks').isVisible()).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    expect(takeBrowserProblems(page)).toEqual([]);
  });

  test('My plan and My reviews at 320 px with the keyboard, in Easy Read though she chose not to read that way', async ({
    page,
    hearth,
  }) => {
    // The demo person is still waiting for a match; the person living with the demo carer has a plan and an open review.
    const { personEmail } = await fixedCarersArrangement(hearth);
    await page.setViewportSize(PHONE);
    await signIn(page, { email: personEmail }, hearth.password);
    await chooseReading(page, { easyRead: false });
    await page.goto('/');
    const seen = async (text: string | RegExp) => expect(await page.getByText(text).first().isVisible(), String(text)).toBe(true);
    const fits = async () => {
      await checkAxe(page);
      expect(await scrollsSideways(page), page.url()).toBe(false);
    };

    // My plan: "I like this" on a part.
    await follow(page, 'My plan', (url) => url.pathname.endsWith('/plan'));
    await fits();
    expect(await page.locator('h1').textContent()).toContain('My support plan');
    await tabTo(page, 'What I think about this');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan/propose'));
    await fits();
    await tabTo(page, 'I like this');
    await pressTo(page, 'Space', (url) => url.search === '?saved=proposed');
    await fits();
    await seen('Thank you. We sent it to your worker.');
    await seen('I like this part of my plan.');

    // I want to change this: in my words.
    await tabTo(page, 'Back to my plan');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan'));
    await tabTo(page, 'What I think about this');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan/propose'));
    await tabTo(page, 'What I want to change, in my words');
    await page.keyboard.type('I want to go swimming on Fridays.');
    await tabTo(page, 'Send to my worker');
    await pressTo(page, 'Enter', (url) => url.search === '?saved=proposed');
    await fits();
    await seen('I want to go swimming on Fridays.');

    // And with pictures: past the words box and back again with Shift+Tab.
    await tabTo(page, 'Back to my plan');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan'));
    await tabTo(page, 'What I think about this');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan/propose'));
    await tabTo(page, 'Send to my worker');
    await tabTo(page, 'A different time', { back: true });
    await page.keyboard.press('Space');
    await tabTo(page, 'More help', { back: true });
    await page.keyboard.press('Space');
    expect(
      await page.locator('input[name="symbols"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['more-help', 'time']);
    await tabTo(page, 'Send to my worker');
    await pressTo(page, 'Enter', (url) => url.search === '?saved=proposed');
    await fits();
    await seen('Thank you. We sent it to your worker.');
    await seen('I want more help with this. I want this at a different time.');
    await tabTo(page, 'Back to my plan');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/plan'));
    await seen('What you said');

    // My reviews: every question, a face each, then words, then send.
    await page.goto('/');
    await follow(page, 'My reviews', (url) => url.pathname.endsWith('/reviews'));
    await fits();
    await tabTo(page, 'Answer my review questions');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/person'));
    await fits();
    await tabTo(page, 'Start');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith(`/person/${QUESTIONS[0].key}`));
    for (const [i, question] of QUESTIONS.entries()) {
      await fits();
      await seen(question.question);
      await tabTo(page, ['Happy', 'OK', 'Not happy'][i % 3]!);
      await pressTo(page, i % 2 ? 'Space' : 'Enter', (url) => url.pathname.endsWith(`/person/${QUESTIONS[i + 1]?.key ?? 'more'}`));
    }
    await fits();
    await tabTo(page, 'What I want to say');
    await page.keyboard.type('I want to cook more.');
    await tabTo(page, 'Send my answers');
    await pressTo(page, 'Enter', (url) => url.search === '?saved=answered');
    await fits();
    await seen('Thank you. We have your answers.');
    await seen(`${QUESTIONS[2].topic}: Not happy.`);
    await tabTo(page, 'Go back to my reviews');
    await pressTo(page, 'Enter', (url) => url.pathname.endsWith('/reviews'));
    await fits();
    await seen('You have answered the questions. Thank you.');
    expect(takeBrowserProblems(page)).toEqual([]);
  });

  test('the worker reads it, replies and marks it dealt with; the person sees that, at desktop width with the keyboard', async ({
    openContext,
    hearth,
  }) => {
    const staff = await (await openContext()).newPage();
    await staff.setViewportSize(DESKTOP);
    await signIn(staff, hearth.signInFor('scheme_worker'), hearth.password);
    const person = await (await openContext()).newPage();
    await person.setViewportSize(DESKTOP);
    await signIn(person, hearth.signInFor('person'), hearth.password);
    await person.goto('/my/tell');
    await tabTo(person, /Write it here/);
    await person.keyboard.type('My room is too cold.');
    await tabTo(person, 'I want to complain');
    await pressTo(person, 'Enter', (url) => url.search === '?sent=1');
    const messagePath = new URL(person.url()).pathname;

    await checkPage(staff, '/');
    expect(await staff.getByText(/messages? from people (is|are) waiting/).isVisible()).toBe(true);
    await follow(staff, 'Read messages from people', path('/messages'));
    await follow(staff, /^A complaint: /, startsWith('/messages/'));
    await tabTo(staff, 'Your reply');
    await staff.keyboard.type('I will bring you a heater today.');
    await tabTo(staff, 'Send reply');
    await pressTo(staff, 'Enter', (url) => url.search === '?done=replied');
    await tabTo(staff, 'Mark as dealt with');
    await pressTo(staff, 'Enter', (url) => url.search === '?done=dealt-with');
    await checkAxe(staff);

    await checkPage(person, messagePath);
    expect(await person.getByText(/ read it today at \d\d:\d\d\.$/).isVisible()).toBe(true);
    expect(await person.getByText('I will bring you a heater today.').isVisible()).toBe(true);
    expect(await person.getByText(/ says this is sorted\.$/).isVisible()).toBe(true);
    expect(takeBrowserProblems(person)).toEqual([]);
  });

  test('every person page at 320 px and desktop: axe, nothing sideways, read aloud with JavaScript and not without, readability and weight printed', async ({
    context,
    openContext,
    hearth,
  }) => {
    await context.addInitScript(fakeSpeech);
    const page = await context.newPage();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    const facts = await demoFacts(hearth);
    const pages = [...PERSON_PAGES, `/my/carers/${facts.saidYes}`];
    const figures: string[] = [];
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      for (const url of pages) {
        await checkPage(page, url);
        expect(await scrollsSideways(page), `${url} at ${size.width} px`).toBe(false);
        expect(await page.locator('[data-read-aloud-controls]').isVisible(), url).toBe(true);
      }
    }
    const noScript = await (await openContext({ javaScriptEnabled: false, storageState: await context.storageState() })).newPage();
    for (const url of pages) {
      const response = await noScript.goto(url);
      expect(response?.status(), url).toBe(200);
      expect(await noScript.locator('[data-read-aloud-controls]').isVisible(), url).toBe(false);
      expect(await noScript.locator('main .hearth-er-choice, main a').first().isVisible(), url).toBe(true);
      const lines = await noScript.$$eval('main [data-read-aloud]:not([data-read-aloud="quoted"])', (els) =>
        els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean),
      );
      const measured = readability(lines);
      const withScript = await pageWeight(context, openContext, url, true);
      const without = await pageWeight(context, openContext, url, false);
      expect(withScript.bytes, `${url} with JavaScript`).toBeLessThan(LIMIT);
      expect(without.bytes, `${url} without JavaScript`).toBeLessThan(LIMIT);
      figures.push(
        `${url.padEnd(48)} ${String(measured.sentences).padStart(3)} sentences, average ${measured.averageSentenceLength.toFixed(1).padStart(4)} words, longest ${String(measured.longestSentence.words).padStart(2)}, grade ${measured.grade.toFixed(1).padStart(4)} | ${kb(withScript.bytes).padStart(8)} (${withScript.requests} requests) with JS, ${kb(without.bytes).padStart(8)} (${without.requests}) without`,
      );
    }
    console.log(['Person pages: readability (Easy Read lines) and page weight (cold load, everything transferred)', ...figures].join('\n'));
  });
});

describe('carers’ pages on a phone', () => {
  test('calendar, what is due, matching and arrangements at 320 px as the carer: axe and nothing sideways', async ({ page, hearth }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    for (const url of ['/', '/calendar', '/due', '/matching', '/arrangements']) {
      await checkPage(page, url);
      expect(await scrollsSideways(page), url).toBe(false);
    }
  });
});
