import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { AxeResults, RunOptions } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Page,
  type Response,
  type ViewportSize,
} from 'playwright-core';
import { expect, test as base } from 'vitest';
import { DEMO_SIGN_INS, generateDemo } from '../../src/demo/generate.js';
import { loadDemo } from '../../src/demo/load.js';
type DemoSignIn = (typeof DEMO_SIGN_INS)[number];
import type { Database } from '../../src/platform/db/database.js';
import type { Role } from '../../src/platform/permissions/roles.js';
import { testApp } from '../../src/platform/testing/app.js';
import { and, eq, ne } from 'drizzle-orm';
import { arrangements } from '../../src/arrangements/schema.js';
import { carers } from '../../src/carers/schema.js';
import { people } from '../../src/people/schema.js';
import { users } from '../../src/platform/db/schema.js';

/**
 * The browser-test harness: a real Hearth on 127.0.0.1 with the small demo loaded, Debian's Chromium,
 * a new browser context for every test, and the checks every page should pass (status, axe, no
 * script errors or broken assets). A journey is a `test(...)` taking `{ page }`; a new page is
 * checked by `checkPage(page, '/its/path')`, or for free by the walk once a link leads to it.
 */

export interface Hearth {
  /** Where Hearth listens, e.g. http://127.0.0.1:41234 (every context uses it as its base URL). */
  url: string;
  /** The database behind it, for a journey that needs more than the demo (add rows with the builders). */
  db: Database;
  password: string;
  signIns: readonly DemoSignIn[];
  signInFor(role: Role): DemoSignIn;
}

export const CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: CHROMIUM_PATHS.find((p) => existsSync(p)) ?? CHROMIUM_PATHS[0],
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const test = base
  .extend('demo', { scope: 'file' }, { seed: 2026, password: 'browser-test-password-2026' })
  .extend('hearth', { scope: 'file' }, async ({ demo }, { onCleanup }): Promise<Hearth> => {
    const { app, db, close } = await testApp();
    onCleanup(close);
    await loadDemo(db, generateDemo({ scale: 'small', seed: demo.seed }), { password: demo.password });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      db,
      password: demo.password,
      signIns: DEMO_SIGN_INS,
      signInFor: (role) => DEMO_SIGN_INS.find((s) => s.role === role) ?? failWith(`No demo sign-in for ${role}`),
    };
  })
  .extend('launch', { scope: 'file' }, CHROMIUM_LAUNCH)
  .extend('browser', { scope: 'file' }, async ({ launch }, { onCleanup }): Promise<Browser> => {
    if (!launch.executablePath || !existsSync(launch.executablePath)) {
      failWith(`Chromium is not at ${CHROMIUM_PATHS.join(' or ')}: apt-get install -y --no-install-recommends chromium fonts-liberation`);
    }
    const browser = await chromium.launch(launch);
    onCleanup(() => browser.close());
    return browser;
  })
  /** Opens another fresh context (for example with JavaScript off); all are closed after the test. */
  .extend('openContext', ({ browser, hearth }, { onCleanup }) => {
    const contexts: BrowserContext[] = [];
    onCleanup(async () => {
      await Promise.all(contexts.map((c) => c.close()));
    });
    return Promise.resolve(async (options: BrowserContextOptions = {}) => {
      const context = await browser.newContext({ baseURL: hearth.url, ...options });
      context.on('page', watchForProblems);
      contexts.push(context);
      return context;
    });
  })
  .extend('context', async ({ openContext }) => openContext())
  .extend('page', async ({ context }) => context.newPage());

/** Signs in through the real form, as a person would, and waits to land (on the home page unless told). */
export async function signIn(page: Page, who: { email: string }, password: string, landOn = '/'): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === landOn);
}

/** The demo carer sign-in's live arrangement (in Northbrook), with the person in it: their name and sign-in email. */
export async function fixedCarersArrangement(hearth: Hearth) {
  const [carerUser] = await hearth.db.owner
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, hearth.signInFor('carer').email));
  const [found] = await hearth.db.owner
    .select({ id: arrangements.id, type: arrangements.type, personName: people.name, personEmail: users.email })
    .from(arrangements)
    .innerJoin(carers, eq(carers.id, arrangements.carerId))
    .innerJoin(people, eq(people.id, arrangements.personId))
    .innerJoin(users, eq(users.id, people.userId))
    .where(and(eq(carers.userId, carerUser!.id), ne(arrangements.status, 'ended')))
    .limit(1);
  return found!;
}

/** Types a date into a GOV.UK date input, found by its legend. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

export type ReadingChoices = Record<'easyRead' | 'largerText' | 'readAloudFirst', boolean>;

/**
 * Changes the signed-in user's reading preferences on /account/reading, as they would, and gives back
 * a way to put their previous answers back through the same form.
 */
export async function chooseReading(page: Page, choice: Partial<ReadingChoices>): Promise<() => Promise<void>> {
  await page.goto('/account/reading');
  const before = (await page.$$eval('main input[type="radio"]:checked', (inputs) =>
    Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value === 'yes'])),
  )) as ReadingChoices;
  await saveReading(page, { ...before, ...choice });
  return () => saveReading(page, before);
}

async function saveReading(page: Page, choices: ReadingChoices) {
  if (!new URL(page.url()).pathname.startsWith('/account/reading')) await page.goto('/account/reading');
  for (const [name, yes] of Object.entries(choices))
    await page.locator(`main input[name="${name}"][value="${yes ? 'yes' : 'no'}"]`).check();
  await Promise.all([page.waitForURL((url) => url.search === '?saved=yes'), page.getByRole('button', { name: 'Save my choices' }).click()]);
}

// ---- Checking a page ----

export interface PageExpectations {
  /** The status the page should answer with; by default anything below 400. */
  status?: number;
  /** Whether to run axe (by default yes). */
  axe?: boolean;
}

/** Opens a page and checks it: status, no script errors or broken assets, and no axe violations. */
export async function checkPage(page: Page, path: string, expected: PageExpectations = {}): Promise<Response> {
  const response = await page.goto(path);
  if (!response) failWith(`No response for ${path}`);
  failIfAny(await problemsWith(page, response, expected));
  return response;
}

/** Every problem with the page just loaded, as readable lines (empty when all is well). */
export async function problemsWith(page: Page, response: Response, expected: PageExpectations = {}): Promise<string[]> {
  const problems: string[] = [];
  const status = response.status();
  if (expected.status === undefined ? status >= 400 : status !== expected.status) {
    problems.push(`${page.url()} answered ${status}, expected ${expected.status ?? 'below 400'}`);
  }
  if (isHtml(response) && expected.axe !== false) {
    await page.waitForLoadState('load');
    const violations = await axeViolations(page);
    if (violations.length) problems.push(describeViolations(page.url(), violations));
  }
  problems.push(...takeBrowserProblems(page));
  return problems;
}

const isHtml = (response: Response) => (response.headers()['content-type'] ?? '').startsWith('text/html');

/** Sends a form with nothing filled in: the error summary, focused, its first link going to its field, and axe happy. */
export async function sendEmpty(page: Page, path: string, submit: string, errors: string[]) {
  await page.goto(path);
  await page.getByRole('button', { name: submit, exact: true }).click();
  await page.waitForLoadState('load');
  const summary = page.locator('.govuk-error-summary');
  for (const error of errors) await expect.poll(() => summary.textContent()).toContain(error);
  expect(await page.title()).toMatch(/^Error: /);
  await checkAxe(page);
  const first = summary.locator('a').first();
  const target = (await first.getAttribute('href'))!.slice(1);
  await first.click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(target);
  expect(takeBrowserProblems(page)).toEqual([]);
}

// ---- Accessibility ----

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
};

/** Fails with a readable list of WCAG 2.2 AA violations on the page as it is now. */
export async function checkAxe(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) failWith(describeViolations(page.url(), violations));
}

/**
 * axe-core is put into the page with page.evaluate, which runs through the DevTools protocol and so
 * is not subject to Hearth's Content-Security-Policy (script-src 'self' plus nonces): an injected
 * inline <script> would be blocked. The context keeps the real CSP, so tests still see what users see.
 */
export async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Working out a selector for every element checked is a fifth of axe's time: only a page that
  // fails is checked again with them, to say where.
  const quick = await runAxe(page, { ...AXE_OPTIONS, selectors: false });
  return quick.length ? runAxe(page, AXE_OPTIONS) : quick;
}

const runAxe = async (page: Page, options: RunOptions) =>
  (
    await page.evaluate(
      (given) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResults> } }).axe.run(document, given),
      options as never,
    )
  ).violations;

export function describeViolations(url: string, violations: AxeResults['violations']): string {
  const lines = [`${violations.length} accessibility rule${violations.length === 1 ? '' : 's'} broken on ${url}:`];
  for (const v of violations) {
    lines.push(`  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`, `    ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}  ${node.html.slice(0, 160)}`);
      const why = node.failureSummary
        ?.split('\n')
        .slice(1)
        .map((l) => l.trim())
        .filter(Boolean)
        .join('; ');
      if (why) lines.push(`      ${why}`);
    }
  }
  return lines.join('\n');
}

// ---- Sizes and reflow ----

/** A small phone (WCAG 1.4.10: content must reflow at 320 CSS pixels) and a desktop screen. */
export const PHONE: ViewportSize = { width: 320, height: 640 };
export const DESKTOP: ViewportSize = { width: 1280, height: 900 };

export const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The innermost elements reaching past the right edge of the window: what makes a page scroll sideways. */
export const tooWide = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > width + 1);
    return wide
      .filter((e) => !wide.some((other) => other !== e && e.contains(other)))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${Array.from(e.classList)
            .map((c) => `.${c}`)
            .join('')} (${Math.round(e.getBoundingClientRect().right)} px)`,
      );
  });

// ---- The keyboard ----

export interface Focus {
  name: string;
  tag: string;
  inView: boolean;
  uncovered: boolean;
  indicated: boolean;
}

/** What has the keyboard focus, and whether it can be seen: in view, not covered by anything, and with a visible indicator. */
export const focusNow = (page: Page) =>
  page.evaluate((): Focus => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', tag: 'BODY', inView: true, uncovered: true, indicated: true };
    const input = el as HTMLInputElement;
    const choice = input.type === 'checkbox' || input.type === 'radio';
    const label = choice ? (input.labels?.[0] ?? null) : null;
    const name = (el.getAttribute('aria-label') ?? label?.textContent ?? input.labels?.[0]?.textContent ?? el.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const box = (choice ? el.parentElement! : el).getBoundingClientRect();
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    const x = Math.min(Math.max(box.left + Math.min(box.width / 2, 20), 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const uncovered = !!top && (top === el || el.contains(top) || top.contains(el) || (choice && el.parentElement!.contains(top)));
    const style = getComputedStyle(el);
    const yellow = 'rgb(255, 221, 0)';
    const indicated =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor === yellow) ||
      style.boxShadow.includes('255, 221, 0') ||
      style.backgroundColor === yellow ||
      (label !== null && getComputedStyle(label, '::before').boxShadow.includes('255, 221, 0'));
    return { name, tag: el.tagName, inView, uncovered, indicated };
  });

/** Presses Tab (or Shift+Tab, going back) until the focus is on the thing named, checking at every stop that the focus can be seen. */
export async function tabTo(page: Page, wanted: string | RegExp, { back = false } = {}): Promise<void> {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focusNow(page);
    if (focus.tag === 'BODY') continue;
    expect(focus, `focus on “${focus.name}” (${focus.tag}) at ${page.url()} must be in view, uncovered and visibly marked`).toMatchObject({
      inView: true,
      uncovered: true,
      indicated: true,
    });
    if (typeof wanted === 'string' ? focus.name === wanted : wanted.test(focus.name)) return;
  }
  throw new Error(`Tab never reached “${wanted}” on ${page.url()}`);
}

/** Presses a key that sends a form or follows a link, and waits for the new page (even at the same address). */
export async function pressTo(page: Page, key: 'Enter' | 'Space', lands: (url: URL) => boolean) {
  await Promise.all([page.waitForNavigation({ url: lands }), page.keyboard.press(key)]);
}

// ---- Script errors, CSP violations and broken assets ----

const browserProblems = new WeakMap<Page, string[]>();

function watchForProblems(page: Page) {
  const problems: string[] = [];
  browserProblems.set(page, problems);
  page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`${response.url()} (${response.request().resourceType()}) answered ${response.status()} on ${page.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // An asset still loading when the test moves on is aborted: not the page's fault.
    if (request.resourceType() !== 'document' && request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`${request.url()} failed on ${page.url()}: ${request.failure()?.errorText}`);
  });
}

/** What went wrong in the page since last asked: uncaught errors, console errors (CSP reports among them), failed assets. */
export function takeBrowserProblems(page: Page): string[] {
  const problems = browserProblems.get(page) ?? [];
  return problems.splice(0, problems.length);
}

// ---- Walking a site ----

export interface WalkOptions {
  from?: string;
  /** Most pages to visit. */
  limit?: number;
  /** Most pages to visit with the same shape of address (/team/:id, /team?page): enough to check the template. */
  perShape?: number;
  /**
   * Check every page at each of these sizes (axe, and nothing scrolling sideways), resizing the page
   * rather than loading it again; a repeat of a shape, at the narrowest. Without sizes, axe runs once
   * at the page's size.
   */
  sizes?: ViewportSize[];
  /**
   * Pages already checked, by size and content (shared between walks): a page whose markup is the
   * same as one checked at that size (the same staff page in another way of reading) is not resized,
   * put through axe or measured for sideways scrolling again, since each would find the same.
   */
  axed?: Set<string>;
}

export interface Walk {
  /** Status 0: a download. */
  visited: { path: string; status: number }[];
  problems: string[];
  /** How many times axe ran. */
  axeRuns: number;
}

/**
 * Breadth-first over same-origin GET links from a page, checking every page reached: the first page
 * of each shape of address before a second of any, so that a limit leaves out repeats, not templates.
 */
export async function walk(page: Page, options: WalkOptions = {}): Promise<Walk> {
  const { from = '/', limit = 60, perShape = 3, sizes = [], axed = new Set<string>() } = options;
  const queue = [from];
  const repeats: string[] = [];
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const result: Walk = { visited: [], problems: [], axeRuns: 0 };
  let origin = '';
  while ((queue.length || repeats.length) && result.visited.length < limit) {
    // A repeat is another page of a shape already checked: the same template with other data.
    const repeat = !queue.length;
    const url = queue.shift() ?? repeats.shift()!;
    const response = await page.goto(url).catch((error: Error) => {
      // A link to a file download (a CSV template, an export) is not a page to check.
      if (error.message.includes('Download is starting')) return 'download' as const;
      throw error;
    });
    if (response === 'download') {
      result.visited.push({ path: /^https?:/.test(url) ? pathOf(url) : url, status: 0 });
      continue;
    }
    if (!response) {
      result.problems.push(`No response for ${url}`);
      continue;
    }
    origin ||= new URL(page.url()).origin;
    seen.add(new URL(url, origin).href).add(page.url());
    const landed = pathOf(page.url());
    result.visited.push({
      path: landed === pathOf(new URL(url, origin).href) ? landed : `${pathOf(new URL(url, origin).href)} → ${landed}`,
      status: response.status(),
    });
    if (!sizes.length || !isHtml(response)) {
      result.problems.push(...(await problemsWith(page, response)));
      result.axeRuns += Number(isHtml(response));
      if (!isHtml(response)) continue;
    } else {
      result.problems.push(...(await problemsWith(page, response, { axe: false })));
      await page.waitForLoadState('load');
      for (const size of fromTheCurrent(page, repeat ? narrowest(sizes) : sizes)) await checkAtSize(page, size, axed, result);
      result.problems.push(...takeBrowserProblems(page));
    }
    const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      const next = followable(link, origin);
      if (!next || seen.has(next)) continue;
      seen.add(next);
      const shape = shapeOf(next);
      const count = shapes.get(shape) ?? 0;
      if (count >= perShape) continue;
      shapes.set(shape, count + 1);
      (count ? repeats : queue).push(next);
    }
  }
  return result;
}

/**
 * A repeat is checked at the narrowest size only: what other data can break (a long name that
 * will not wrap, a table too wide) breaks first there, and the template was checked at every size
 * on the first page of its shape.
 */
const narrowest = (sizes: ViewportSize[]) => (sizes.length ? [sizes.reduce((a, b) => (b.width < a.width ? b : a))] : sizes);

/** The sizes starting from the page's own, so that a walk resizes once a page, not back and forth. */
function fromTheCurrent(page: Page, sizes: ViewportSize[]): ViewportSize[] {
  const i = Math.max(
    0,
    sizes.findIndex((s) => s.width === page.viewportSize()?.width),
  );
  return [...sizes.slice(i), ...sizes.slice(0, i)];
}

async function checkAtSize(page: Page, size: ViewportSize, axed: Set<string>, result: Walk) {
  const current = page.viewportSize();
  if (current?.width !== size.width || current.height !== size.height) await page.setViewportSize(size);
  // Hashed at this size: the header's menu is hidden or shown by the width, and so is the markup.
  const key = `${size.width}x${size.height} ${await markupHash(page)}`;
  if (axed.has(key)) return;
  axed.add(key);
  result.axeRuns++;
  const where = `${page.url()} at ${size.width} px`;
  const violations = await axeViolations(page);
  if (violations.length) result.problems.push(describeViolations(where, violations));
  if (await scrollsSideways(page)) result.problems.push(`${where} scrolls sideways: ${(await tooWide(page)).join(', ')}`);
}

/** The page's markup as it is now, without what changes on every load (the CSRF token, the CSP nonce). */
async function markupHash(page: Page): Promise<string> {
  const markup = await page.evaluate(() => document.documentElement.outerHTML);
  return createHash('sha256')
    .update(markup.replace(/ nonce="[^"]*"/g, '').replace(/(name="_csrf" value=")[^"]*"/g, '$1"'))
    .digest('hex');
}

const NOT_PAGES = [/^\/sign-out$/, /^\/assets\//, /^\/hearth\//, /\.[a-z0-9]{2,5}$/i];

/** The link without its fragment if it is a page of this site worth visiting, otherwise null. */
export function followable(link: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.origin !== origin || NOT_PAGES.some((pattern) => pattern.test(url.pathname))) return null;
  url.hash = '';
  return url.href;
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

function shapeOf(href: string): string {
  const url = new URL(href);
  const path = url.pathname
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
    .join('/');
  return `${path}?${[...url.searchParams.keys()].sort().join('&')}`;
}

const pathOf = (href: string) => {
  const url = new URL(href);
  return url.pathname + url.search;
};

function failIfAny(problems: string[]) {
  if (problems.length) failWith(problems.join('\n'));
}

function failWith(message: string): never {
  throw new Error(message);
}
