import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { carers } from '../../src/carers/schema.js';
import { todayInUk } from '../../src/platform/dates.js';
import { people } from '../../src/people/schema.js';
import { matchProposals } from '../../src/matching/schema.js';
import { schemes, users } from '../../src/platform/db/schema.js';
import { checkAxe, checkPage, fillDate, signIn, takeBrowserProblems, test, type Hearth } from './harness.js';

/**
 * Matching in the browser, every page checked with axe: a worker proposes from a shortlist; the demo
 * person and carer answer and go on after the first meeting; the person stops another proposal.
 */

const NORTHBROOK = 'Northbrook Shared Lives (demo)';

async function fixedPair(hearth: Hearth) {
  const person = (
    await hearth.db.owner
      .select({ id: people.id })
      .from(people)
      .innerJoin(users, eq(users.id, people.userId))
      .where(eq(users.email, hearth.signInFor('person').email))
  )[0]!;
  const carer = (
    await hearth.db.owner
      .select({ id: carers.id })
      .from(carers)
      .innerJoin(users, eq(users.id, carers.userId))
      .where(eq(users.email, hearth.signInFor('carer').email))
  )[0]!;
  const proposals = await hearth.db.owner.select().from(matchProposals).where(eq(matchProposals.personId, person.id));
  return {
    person,
    carer,
    withCarer: proposals.find((p) => p.carerId === carer.id)!,
    other: proposals.find((p) => p.carerId !== carer.id)!,
  };
}

/** Someone waiting in Northbrook with no proposals yet. */
async function aWaitingPerson(hearth: Hearth) {
  const waiting = await hearth.db.owner
    .select({ id: people.id, name: people.name, userId: people.userId })
    .from(people)
    .innerJoin(schemes, eq(schemes.id, people.schemeId))
    .leftJoin(matchProposals, eq(matchProposals.personId, people.id))
    .where(and(eq(people.status, 'waiting'), eq(schemes.name, NORTHBROOK), isNull(matchProposals.id)));
  return waiting.find((p) => p.userId === null) ?? waiting[0]!;
}

async function submitAndExpectBanner(page: Page, button: string, text: string) {
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain(text);
  await checkAxe(page);
  expect(takeBrowserProblems(page)).toEqual([]);
}

describe('matching, in the browser', () => {
  test('a worker reads a shortlist with its reasons and proposes a carer', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, '/matching');
    await checkPage(page, '/matching/suggestions');
    await checkPage(page, '/matching/suggestions?proposing=carers');
    const someone = await aWaitingPerson(hearth);
    await checkPage(page, `/people/${someone.id}/matching?excluded=1`);
    const first = page.locator('input[name="carer"]').first();
    await first.check();
    await page.getByRole('button', { name: 'Propose the chosen carers' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Propose carers');
    await checkAxe(page);
    // Sharing nothing is refused, with the carers still chosen.
    await page.getByLabel(/one-page profile/).uncheck();
    await page.getByRole('button', { name: 'Propose', exact: true }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Choose at least one thing the person agreed to share');
    await checkAxe(page);
    expect(await page.locator('input[name="carerIds"]:checked').count()).toBe(1);
    await page.getByLabel(/one-page profile/).check();
    await page.getByLabel('Your note (optional)').fill('Both like a quiet evening.');
    await submitAndExpectBanner(page, 'Propose', 'Proposed');
    await expect.poll(() => page.locator('main').textContent()).toContain('Waiting for the person and the carer to answer');
  });

  test('the person says yes to the carer who already said yes; a worker dates the first meeting', async ({ page, hearth }) => {
    const { person, withCarer } = await fixedPair(hearth);
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await checkPage(page, '/matching');
    await page.locator('.hearth-card a', { hasText: /\S/ }).first().click();
    await page.goto(`/matching/proposals/${withCarer.id}`);
    await checkAxe(page);
    await expect.poll(() => page.locator('.hearth-about').textContent()).toMatch(/lives/);
    await page.getByRole('link', { name: 'Say yes, maybe or no' }).click();
    await checkAxe(page);
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose an answer');
    await checkAxe(page);
    await page.getByLabel('Yes, I would like to meet').check();
    await page.getByLabel('Anything you want to say? (optional)').fill('I like dogs too.');
    await submitAndExpectBanner(page, 'Send my answer', 'Your answer is saved');
    await expect.poll(() => page.locator('main').textContent()).toContain('Waiting for a date from the scheme');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, `/matching/proposals/${withCarer.id}`);
    await page
      .getByRole('link', { name: /Set the date/ })
      .first()
      .click();
    await checkAxe(page);
    await fillDate(page, 'Date of the first meeting', todayInUk());
    await submitAndExpectBanner(page, 'Save the date', 'The date is saved');
    const [row] = await hearth.db.owner.select({ status: people.status }).from(people).where(eq(people.id, person.id));
    expect(row!.status).toBe('introductions');
  });

  test('after the first meeting the carer and the person each say whether to go on', async ({ page, hearth }) => {
    const { withCarer } = await fixedPair(hearth);
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, '/matching');
    await checkPage(page, `/matching/proposals/${withCarer.id}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('agreed to share this with you');
    await page.getByRole('link', { name: 'Say if you want to go on' }).click();
    await checkAxe(page);
    await page.getByLabel('Yes, go on').check();
    await submitAndExpectBanner(page, 'Save', 'Thank you for saying');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await page.goto(`/matching/proposals/${withCarer.id}`);
    await page.getByRole('link', { name: 'Say if you want to go on' }).click();
    await page.getByLabel('Yes, go on').check();
    await submitAndExpectBanner(page, 'Save', 'Thank you for saying');
    await expect.poll(() => page.locator('main').textContent()).toContain('Introductions: tea visit');
  });

  test('the person stops another proposal without giving a reason; their circle reads what they may', async ({ page, hearth }) => {
    const { other } = await fixedPair(hearth);
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await page.goto(`/matching/proposals/${other.id}`);
    await page.getByRole('link', { name: 'Stop these introductions' }).click();
    await checkAxe(page);
    await submitAndExpectBanner(page, 'Stop the introductions', 'These introductions have stopped');
    await checkPage(page, '/matching');
    await expect.poll(() => page.locator('main').textContent()).toContain('Stopped by you');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, hearth.signInFor('circle_member'), hearth.password);
    await checkPage(page, '/matching');
  });

  test('a manager changes the matching settings; a carer’s shortlist of people passes', async ({ page, hearth }) => {
    const { carer } = await fixedPair(hearth);
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/matching/settings');
    await page.getByLabel('Shared interests').fill('many');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the weight of interests as a whole number');
    await checkAxe(page);
    await page.getByLabel('Shared interests').fill('30');
    await submitAndExpectBanner(page, 'Save', 'Matching settings saved');
    await checkPage(page, `/carers/${carer.id}/matching`);
  });
});
