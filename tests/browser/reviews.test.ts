import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { arrangementReviews } from '../../src/reviews/schema.js';
import { QUESTIONS, WELLBEING_AREA_NAMES, WELLBEING_AREAS } from '../../src/reviews/words.js';
import { checkAxe, checkPage, fixedCarersArrangement, scrollsSideways, sendEmpty, signIn, tabTo, test, type Hearth } from './harness.js';

/**
 * Reviews as a worker, a manager, the carer and the person (axe on every page); the person answers
 * their Easy Read questions at 320 px with the keyboard alone; the worker then completes the review.
 */

/** The fixed carer sign-in's live arrangement, its person's sign-in, its open review and its other reviews and visits. */
async function showcase(hearth: Hearth) {
  const found = await fixedCarersArrangement(hearth);
  const rows = await hearth.db.owner
    .select()
    .from(arrangementReviews)
    .where(eq(arrangementReviews.arrangementId, found.id))
    .orderBy(desc(arrangementReviews.heldOn));
  const open = rows.find((r) => r.kind === 'review' && !r.completedAt)!;
  // The longest-running arrangement with reviews: several, with ratings that change.
  const [reviewed] = await hearth.db.owner
    .select({ id: arrangementReviews.arrangementId })
    .from(arrangementReviews)
    .where(and(eq(arrangementReviews.kind, 'review'), isNotNull(arrangementReviews.completedAt)))
    .orderBy(asc(arrangementReviews.heldOn))
    .limit(1);
  return {
    id: found.id,
    personEmail: found.personEmail,
    open: open.id,
    others: rows
      .filter((r) => r.id !== open.id)
      .slice(0, 3)
      .map((r) => r.id),
    anyReviewed: reviewed!.id,
  };
}

const base = (id: string) => `/arrangements/${id}/reviews`;

describe('reviews', () => {
  test('a worker’s and a manager’s pages pass axe, and empty forms say what to fix', async ({ page, hearth }) => {
    const s = await showcase(hearth);
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, '/due');
    for (const path of [
      '',
      '/new?kind=review',
      '/new?kind=visit',
      `/${s.open}`,
      `/${s.open}/carer`,
      `/${s.open}/person`,
      `/${s.open}/person/carer`,
      `/${s.open}/person/more`,
    ]) {
      await checkPage(page, `${base(s.id)}${path}`);
    }
    for (const other of s.others) await checkPage(page, `${base(s.id)}/${other}`);
    await checkPage(page, `/arrangements/${s.anyReviewed}/wellbeing`);
    await checkPage(page, `/arrangements/${s.id}/wellbeing`);
    await sendEmpty(page, `${base(s.id)}/new?kind=visit`, 'Save', ['Write a short note about the visit']);
    await sendEmpty(page, `${base(s.id)}/${s.open}/complete`, 'Complete the review', [
      'Write a summary of the review',
      'Choose a rating for personal dignity',
    ]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/arrangements/settings/reviews');
    await page.getByLabel('Weeks from the start to the first review').fill('');
    await page.getByRole('button', { name: 'Save the schedule' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter weeks to the first review');
    await checkAxe(page);
  });

  test('the carer reads the reviews and writes their view', async ({ page, hearth }) => {
    const s = await showcase(hearth);
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, base(s.id));
    for (const other of s.others) await checkPage(page, `${base(s.id)}/${other}`);
    await checkPage(page, `/arrangements/${s.id}/wellbeing`);
    await checkPage(page, `${base(s.id)}/${s.open}/carer`);
    await page.getByLabel('What is going well?').fill('We have been to the allotment every week.');
    await page.getByRole('button', { name: 'Save your view' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('The carer’s view has been saved');
    await checkAxe(page);
  });

  test('the person answers their questions at 320 px with the keyboard alone, and the worker completes the review', async ({
    page,
    hearth,
  }) => {
    const s = await showcase(hearth);
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, { email: s.personEmail }, hearth.password);
    await checkPage(page, base(s.id));
    for (const other of s.others) await checkPage(page, `${base(s.id)}/${other}`);
    await checkPage(page, `/arrangements/${s.id}/wellbeing`);
    expect(await scrollsSideways(page)).toBe(false);

    await checkPage(page, base(s.id));
    await tabTo(page, 'Answer my review questions');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/person'));
    await checkAxe(page);
    expect(await scrollsSideways(page)).toBe(false);
    await tabTo(page, 'Start');
    await page.keyboard.press('Enter');
    for (const [i, q] of QUESTIONS.entries()) {
      await page.waitForURL((url) => url.pathname.endsWith(`/person/${q.key}`));
      await checkAxe(page);
      expect(await scrollsSideways(page), q.key).toBe(false);
      await tabTo(page, i === 1 ? 'OK' : 'Happy');
      await page.keyboard.press('Enter');
    }
    await page.waitForURL((url) => url.pathname.endsWith('/person/more'));
    await checkAxe(page);
    await tabTo(page, 'What I want to say');
    await page.keyboard.type('I would like to grow tomatoes.');
    await tabTo(page, 'Send my answers');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main').textContent()).toContain('Thank you. We have your answers.');
    await checkAxe(page);
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await page.goto(`${base(s.id)}/${s.open}/complete`);
    await page.getByLabel('Your summary').fill('A settled year; growing vegetables with the carer.');
    for (const area of WELLBEING_AREAS) await page.getByRole('group', { name: WELLBEING_AREA_NAMES[area] }).getByLabel('4: Good').check();
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('The review is complete');
    expect(await page.locator('main').textContent()).toContain('I would like to grow tomatoes.');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The person reads the finished review in Easy Read, on a phone.
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, { email: s.personEmail }, hearth.password);
    await checkPage(page, `${base(s.id)}/${s.open}`);
    expect(await page.locator('main').textContent()).toContain('A settled year; growing vegetables with the carer.');
    expect(await page.locator('main').textContent()).toContain('Being safe: good.');
    expect(await scrollsSideways(page)).toBe(false);
  });
});
