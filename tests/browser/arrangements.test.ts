import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { agreements, arrangements } from '../../src/arrangements/schema.js';
import { schemes } from '../../src/platform/db/schema.js';
import { checkAxe, checkPage, fixedCarersArrangement, sendEmpty, signIn, test, type Hearth } from './harness.js';

/** Arrangements' pages as a worker, a manager, the carer and the person (axe on each), and agreements read and acknowledged. */

async function arrangementWith(hearth: Hearth, status: 'ended' | 'paused') {
  const [found] = await hearth.db.owner
    .select({ id: arrangements.id })
    .from(arrangements)
    .innerJoin(schemes, eq(schemes.id, arrangements.schemeId))
    .where(and(eq(arrangements.status, status), eq(schemes.name, 'Northbrook Shared Lives (demo)')))
    .limit(1);
  return found!.id;
}

const firstAgreement = async (hearth: Hearth, arrangementId: string) =>
  (await hearth.db.owner.select({ id: agreements.id }).from(agreements).where(eq(agreements.arrangementId, arrangementId)).limit(1))[0]!.id;

describe('arrangements, as staff', () => {
  test('the caseload, an arrangement’s parts and its forms pass axe, and empty forms say what to fix', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    const { id } = await fixedCarersArrangement(hearth);
    await checkPage(page, '/arrangements');
    await checkPage(page, '/arrangements?worker=all&status=all');
    for (const part of ['', '/status', '/end', '/agreements']) await checkPage(page, `/arrangements/${id}${part}`);
    await checkPage(page, `/arrangements/${id}/agreements/${await firstAgreement(hearth, id)}`);
    for (const status of ['ended', 'paused'] as const) await checkPage(page, `/arrangements/${await arrangementWith(hearth, status)}`);
    await sendEmpty(page, '/arrangements/new', 'Start the arrangement', [
      'Choose the person',
      'Choose the Shared Lives carer',
      'Choose the kind of arrangement',
    ]);
    await sendEmpty(page, `/arrangements/${id}/status`, 'Change status', ['Choose what is happening']);
    await sendEmpty(page, `/arrangements/${id}/end`, 'End the arrangement', ['Choose whether the ending was planned', 'Say why it ended']);
  });

  test('a manager’s agreement templates', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/arrangements/settings/agreements');
    await checkPage(page, '/arrangements/settings/agreements/household');
    await page.getByLabel('The agreement').fill('Between {person} and {carer}, paying {rent}.');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Hearth cannot fill {rent}');
    await checkAxe(page);
  });
});

describe('an agreement issued, read and acknowledged by each party', () => {
  test('the worker issues a new version without JavaScript; the carer and the person acknowledge it', async ({
    openContext,
    page,
    hearth,
  }) => {
    const { id, personEmail } = await fixedCarersArrangement(hearth);
    const noScript = await (await openContext({ javaScriptEnabled: false })).newPage();
    await signIn(noScript, hearth.signInFor('scheme_worker'), hearth.password);
    await noScript.goto(`/arrangements/${id}/agreements`);
    await noScript.getByRole('button', { name: 'Issue a new version of the shared lives arrangement agreement' }).click();
    await expect.poll(() => noScript.locator('.govuk-notification-banner').textContent()).toContain('The agreement has been issued');
    const agreementPath = new URL(noScript.url()).pathname;

    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, '/arrangements');
    await checkPage(page, `/arrangements/${id}`);
    await checkPage(page, `/arrangements/${id}/agreements`);
    await checkPage(page, agreementPath);
    await page.getByRole('button', { name: 'I have read it and I agree' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('The acknowledgement has been recorded');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, { email: personEmail }, hearth.password);
    await checkPage(page, '/arrangements');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Your Shared Lives');
    await checkPage(page, `/arrangements/${id}`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^You /);
    await checkPage(page, agreementPath);
    await page.getByRole('button', { name: 'I have read it and I agree' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('The Shared Lives carer');
    await checkAxe(page);
  });

  test('someone in a circle of support sees the arrangements they may', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('circle_member'), hearth.password);
    await checkPage(page, '/arrangements');
  });
});
