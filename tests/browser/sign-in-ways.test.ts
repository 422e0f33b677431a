import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { auditEvents, users } from '../../src/platform/db/schema.js';
import { checkAxe, checkPage, signIn, takeBrowserProblems, test, type Hearth } from './harness.js';

/**
 * Asks for a sign-in link through the pages, as someone who cannot remember their password would.
 * axe runs inside the page, so only where JavaScript is on.
 */
async function askForLink(page: Page, email: string, { axe = true } = {}) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Email me a link to sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in/link');
  if (axe) await checkAxe(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  if (axe) await checkAxe(page);
}

async function signedInAs(hearth: Hearth, email: string, method: string) {
  const [user] = await hearth.db.owner.select({ id: users.id }).from(users).where(eq(users.email, email));
  const events = await hearth.db.owner
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, user!.id), eq(auditEvents.action, 'signed in')));
  return events.some((e) => (e.changedFields as { method?: string } | null)?.method === method);
}

describe('signing in without a password', () => {
  test('a link by email, passed on from the outbox by the scheme manager', async ({ page, openContext, hearth }) => {
    const carer = hearth.signInFor('carer');
    await checkPage(page, '/sign-in');
    await askForLink(page, carer.email);
    expect(await page.textContent('main')).toContain('can find the link in Hearth');

    const managerPage = await (await openContext()).newPage();
    await signIn(managerPage, hearth.signInFor('scheme_manager'), hearth.password);
    await managerPage.getByRole('link', { name: 'Outbox' }).first().click();
    await managerPage.waitForURL((url) => url.pathname === '/outbox');
    await checkAxe(managerPage);
    const link = managerPage.getByRole('link', { name: /\/sign-in\/link\// }).first();
    const href = (await link.getAttribute('href'))!;
    expect(await managerPage.textContent('main')).toContain(carer.email);
    expect(takeBrowserProblems(managerPage)).toEqual([]);

    await checkPage(page, href);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.textContent('h1')).toContain(`Hello, ${carer.name}`);
    expect(await signedInAs(hearth, carer.email, 'link')).toBe(true);

    await checkPage(page, href, { status: 410 });
    expect(await page.textContent('h1')).toContain('This sign-in link has already been used');
    expect(await page.getByRole('button', { name: 'Email me a new link' }).isVisible()).toBe(true);
    expect(takeBrowserProblems(page)).toEqual([]);
  });

  test('a passkey, added on the account page and used to sign in', async ({ openContext, hearth }) => {
    // A passkey belongs to a host name, never an IP address: this context reaches Hearth as localhost.
    const context = await openContext({ baseURL: hearth.url.replace('127.0.0.1', 'localhost') });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const person = hearth.signInFor('person');

    await signIn(page, person, hearth.password);
    await checkPage(page, '/account');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect.poll(() => page.locator('[data-passkey-add] [role="alert"]').textContent()).toContain('Enter a name for your passkey');
    expect(takeBrowserProblems(page)).toEqual([expect.stringMatching(/\/api\/v1\/passkeys\/options \(fetch\) answered 400/)]);
    await page.getByLabel('Name for a new passkey').fill('My tablet');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL((url) => url.search === '?saved=passkey-added');
    expect(await page.getByRole('rowheader', { name: 'My tablet' }).isVisible()).toBe(true);
    await checkAxe(page);
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signed-out');
    await checkPage(page, '/sign-in');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.textContent('h1')).toContain(`Hello, ${person.name}`);
    expect(await signedInAs(hearth, person.email, 'passkey')).toBe(true);

    await checkPage(page, '/account');
    expect(await page.getByRole('row', { name: /My tablet/ }).textContent()).not.toContain('Not yet');
    await page.getByRole('button', { name: 'Remove My tablet' }).click();
    await page.waitForURL((url) => url.search === '?saved=passkey-removed');
    expect(await page.textContent('main')).toContain('You have not added a passkey');
    await checkAxe(page);

    // The authenticator still holds the passkey, but Hearth no longer accepts it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signed-out');
    await checkPage(page, '/sign-in');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await expect.poll(() => page.locator('[data-passkey-sign-in] [role="alert"]').textContent()).toContain('That passkey did not work');
    await checkAxe(page);
    expect(takeBrowserProblems(page).every((p) => p.includes('/api/v1/sign-in/passkey') && p.includes('401'))).toBe(true);
  });
});

describe('with JavaScript off', () => {
  test('the password and the link by email still work; the passkey button is not shown', async ({ openContext, hearth }) => {
    const page = await (await openContext({ javaScriptEnabled: false })).newPage();
    await page.goto('/sign-in');
    expect(await page.getByLabel('Password', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Email me a link to sign in' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Use a passkey' }).count()).toBe(0);
    await askForLink(page, hearth.signInFor('scheme_worker').email, { axe: false });

    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await page.goto('/account');
    expect(await page.textContent('main')).toContain('To add a passkey, use a browser that can run JavaScript');
    expect(await page.getByRole('button', { name: 'Add a passkey' }).count()).toBe(0);
    expect(takeBrowserProblems(page)).toEqual([]);
  });
});
