import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { Role } from '../../src/platform/permissions/roles.js';
import { checkAxe, checkPage, signIn, takeBrowserProblems, test } from './harness.js';
import { walkersFor, walkEveryPage } from './walk-every-page.js';

describe('signed out', () => {
  test('the sign-in page, a missing page and the signed-out page pass', async ({ page }) => {
    await checkPage(page, '/sign-in');
    await checkPage(page, '/no-such-page', { status: 404 });
    await checkPage(page, '/signed-out');
  });

  test('a page that needs signing in asks for it, then goes there', async ({ page, hearth }) => {
    await page.goto('/team');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email address').fill(hearth.signInFor('scheme_manager').email);
    await page.getByLabel('Password', { exact: true }).fill(hearth.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/team');
    await checkAxe(page);
  });
});

// The longest walks (staff, carer, person) are in files of their own, which run beside this one.
walkEveryPage(walkersFor());

describe('a page read twice', () => {
  test('runs its scripts under its nonce each time, and sends a form with its token', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await checkPage(page, '/');
    // The layout's inline script (allowed by its nonce) marks the page as having JavaScript; read aloud needs it.
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /Read this page to me/ }).isVisible()).toBe(true);
    expect(takeBrowserProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signed-out');
  });
});

describe('pages a link does not lead to', () => {
  test('a page outside someone’s role is refused', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, '/team', { status: 403 });
  });

  test('a record that is not there is not found', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/team/00000000-0000-4000-8000-000000000000', { status: 404 });
  });
});

/** A form sent with answers missing: the GOV.UK error summary, focused, with what was typed kept. */
interface FormCheck {
  name: string;
  /** Who fills it in; signed out if absent. */
  as?: Role;
  path: string;
  /** Field label → what to type. Every other field is left empty. */
  type: Record<string, string>;
  submit: string;
  status: number;
  errors: string[];
  /** Labels of fields whose answers must not come back (passwords). */
  notKept?: string[];
}

const FORMS: FormCheck[] = [
  {
    name: 'sign-in with a wrong password',
    path: '/sign-in',
    submit: 'Sign in',
    status: 401,
    type: { 'Email address': 'manager@demo.hearth.example', Password: 'not the password' },
    errors: ['Enter a correct email address and password'],
    notKept: ['Password'],
  },
  {
    name: 'adding someone to the team',
    as: 'scheme_manager',
    path: '/team/new',
    submit: 'Add to scheme',
    status: 400,
    type: { 'Full name': 'Ada Example' },
    errors: ['Enter their email address', 'Choose what they will do in this scheme'],
  },
  {
    name: 'changing a password',
    as: 'carer',
    path: '/account',
    submit: 'Change password',
    status: 400,
    type: { 'Current password': 'something typed' },
    errors: ['Enter your new password again'],
    notKept: ['Current password'],
  },
  {
    name: 'recording a referral',
    as: 'scheme_worker',
    path: '/people/referrals/new',
    submit: 'Record the referral',
    status: 400,
    type: { 'Full name': 'Ada Example', 'Their name': 'Sam Referrer' },
    errors: ['Choose who made the referral', 'Enter why they have been referred', 'Choose how urgent it is', 'Enter what the person wants'],
  },
  {
    name: 'adding a scheme',
    as: 'national_admin',
    path: '/schemes/new',
    submit: 'Add scheme',
    status: 400,
    type: { 'Scheme name': 'Westholm Shared Lives', 'Local authority': 'Westholm Council' },
    errors: ['Choose what the scheme runs', 'Choose the region', 'Enter the manager’s full name'],
  },
];

async function sendForm(page: Page, form: FormCheck) {
  await page.goto(form.path);
  for (const [label, value] of Object.entries(form.type)) await page.getByLabel(label, { exact: true }).fill(value);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: form.submit, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  expect(response.status()).toBe(form.status);
  const summary = page.locator('.govuk-error-summary');
  for (const error of form.errors) await expect.poll(() => summary.textContent()).toContain(error);
  expect(await page.title()).toMatch(/^Error: /);
  for (const [label, value] of Object.entries(form.type)) {
    const kept = await page.getByLabel(label, { exact: true }).inputValue();
    expect(kept, label).toBe(form.notKept?.includes(label) ? '' : value);
  }
  return summary;
}

describe('forms sent with answers missing', () => {
  for (const form of FORMS) {
    test(form.name, async ({ page, hearth }) => {
      if (form.as) await signIn(page, hearth.signInFor(form.as), hearth.password);
      const summary = await sendForm(page, form);
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
      await checkAxe(page);
      expect(takeBrowserProblems(page)).toEqual([]);

      const first = summary.locator('a').first();
      const target = (await first.getAttribute('href'))!.slice(1);
      await first.click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(target);
    });
  }
});

describe('keyboard', () => {
  for (const [where, as] of [
    ['the sign-in page', undefined],
    ['the home page', 'scheme_manager'],
  ] as const) {
    test(`the first Tab on ${where} reaches "Skip to main content", which goes there`, async ({ page, hearth }) => {
      if (as) await signIn(page, hearth.signInFor(as), hearth.password);
      else await page.goto('/sign-in');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    });
  }
});

describe('without JavaScript', () => {
  test('signing in and sending a form with a mistake both work', async ({ openContext, hearth }) => {
    const page = await (await openContext({ javaScriptEnabled: false })).newPage();
    const wrong = FORMS.find((f) => f.path === '/sign-in')!;
    await sendForm(page, wrong);
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Hello');
    await sendForm(
      page,
      FORMS.find((f) => f.path === '/team/new')!,
    );
    expect(takeBrowserProblems(page)).toEqual([]);
  });
});

describe('how it looks', () => {
  test('the manager’s home page: Hearth’s own header, no GOV.UK crown', async ({ page, hearth }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await expect.poll(() => page.locator('.hearth-header__brand').textContent()).toContain('Hearth');
    expect(await page.locator('.govuk-header__logotype, .govuk-header__logo').count()).toBe(0);
    const dir = path.join(os.tmpdir(), 'hearth-browser');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'manager-home.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`Screenshot of the manager's home page: ${file}`);
  });
});
