import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { carers } from '../../src/carers/schema.js';
import { approvalPanels, panelCases } from '../../src/panel/schema.js';
import { schemes } from '../../src/platform/db/schema.js';
import { checkAxe, checkPage, sendEmpty, signIn, test, type Hearth } from './harness.js';

/** Carers' pages the walk may not reach in its 60 pages, each checked with axe, and the journey to approval in the browser. */

/** A carer in Northbrook, where the demo sign-ins work, at this stage. */
const carerAt = async (hearth: Hearth, stage: 'enquiry' | 'decision' | 'approved') =>
  (
    await hearth.db.owner
      .select({ id: carers.id })
      .from(carers)
      .innerJoin(schemes, eq(schemes.id, carers.schemeId))
      .where(and(eq(carers.stage, stage), eq(schemes.name, 'Northbrook Shared Lives (demo)')))
      .limit(1)
  )[0]!;

async function caseFor(hearth: Hearth, stage: 'panel' | 'decision') {
  const [found] = await hearth.db.owner
    .select({ id: panelCases.id })
    .from(panelCases)
    .innerJoin(carers, eq(carers.id, panelCases.carerId))
    .innerJoin(approvalPanels, eq(approvalPanels.id, panelCases.panelId))
    .innerJoin(schemes, eq(schemes.id, carers.schemeId))
    .where(
      and(
        eq(carers.stage, stage),
        eq(schemes.name, 'Northbrook Shared Lives (demo)'),
        stage === 'panel' ? isNull(panelCases.recommendation) : eq(panelCases.recommended, true),
      ),
    );
  return found!.id;
}

describe('carers’ pages, as staff', () => {
  test('the record’s forms, empty, say what to fix', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    const enquiry = await carerAt(hearth, 'enquiry');
    const approved = await carerAt(hearth, 'approved');
    await sendEmpty(page, '/carers/new', 'Add enquiry', ['Enter the carer’s full name']);
    await sendEmpty(page, `/carers/${enquiry.id}/stage`, 'Change stage', ['Choose where they are now']);
    await sendEmpty(page, `/carers/${enquiry.id}/household/new`, 'Add to household', ['Enter their name', 'Enter their date of birth']);
    await sendEmpty(page, `/carers/${approved.id}/checks/new`, 'Save', ['Choose which check or course this is', 'Choose the outcome']);
    await page.goto(`/carers/${approved.id}/reviews/new`);
    await page.getByLabel('Day').first().fill('');
    await page.getByRole('button', { name: 'Save review' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('The date of the review must include a day');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose the outcome of the review');
    await checkAxe(page);
    await sendEmpty(page, '/panel/new', 'Add panel', ['Enter the date the panel meets']);
  });

  test('every part of the record, the home form and the settings pass', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    const approved = await carerAt(hearth, 'approved');
    for (const part of ['', '/household', '/household/home', '/checks', '/approval', '/reviews', '/history', '/edit'])
      await checkPage(page, `/carers/${approved.id}${part}`);
    await checkPage(page, '/carers/board');
    await checkPage(page, '/carers/settings/checks/new');
    await checkPage(page, '/carers/import');
    await checkPage(page, '/due?status=overdue');
  });

  test('a panel case, with the recommendation form and with the decision form', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, `/panel/cases/${await caseFor(hearth, 'panel')}`);
    await expect.poll(() => page.locator('form[action$="/recommendation"]').count()).toBe(1);
    await checkPage(page, `/panel/cases/${await caseFor(hearth, 'decision')}`);
    await expect.poll(() => page.locator('form[action$="/decision"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose the scheme’s decision');
    await checkAxe(page);
  });
});

describe('carers’ pages, as others', () => {
  test('a panel member reads the papers and gives a view', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('panel_member'), hearth.password);
    const id = await caseFor(hearth, 'panel');
    await checkPage(page, `/panel/cases/${id}`);
    await page.getByLabel('Approve').check();
    await page.getByLabel('Your reasons').fill('A warm, well-prepared household.');
    await page.getByRole('button', { name: 'Save your view' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Saved');
    await checkAxe(page);
  });

  test('a carer sees what is due for them', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, '/due');
    await expect.poll(() => page.locator('main').textContent()).toContain('Home health and safety check');
  });
});

describe('the journey to approval, in the browser', () => {
  test('a worker takes an enquiry to the panel; a manager approves', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await page.goto('/carers/new');
    await page.getByLabel('Full name').fill('Journey Tester');
    await page.getByLabel('Postcode (optional)').fill('NB3 4CD');
    await page.getByRole('button', { name: 'Add enquiry' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Journey Tester');
    const carerUrl = new URL(page.url()).pathname;
    for (const stage of ['Initial visit', 'Assessment', 'Checks']) {
      await page.goto(`${carerUrl}/stage`);
      await page.getByLabel(stage, { exact: true }).check();
      await page.getByRole('button', { name: 'Change stage' }).click();
      await expect.poll(() => page.locator('.govuk-tag').first().textContent()).toContain(stage);
    }

    await page.goto('/panel');
    await page
      .locator('table', { has: page.locator('caption', { hasText: 'Past panels' }) })
      .locator('a')
      .first()
      .click();
    await page.getByRole('button', { name: 'Add a carer to this panel' }).click();
    await page.getByLabel('Carer').selectOption({ label: 'Journey Tester (Checks)' });
    await page.getByLabel('Summary for the panel').fill('Experienced, warm household; strong references.');
    await page.getByRole('button', { name: 'Add to panel' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Journey Tester');
    await checkAxe(page);
    await page.getByLabel('Approve').check();
    await page.getByLabel('2').check();
    await page.getByLabel('Short breaks').check();
    // The date the form offers is one it accepts.
    await page.getByRole('button', { name: 'Record the recommendation' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Waiting for a scheme manager to record the decision');
    const caseUrl = page.url();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await page.goto(caseUrl);
    await page.getByLabel('Approve', { exact: true }).check();
    await page.getByLabel('Short breaks').check();
    await page.getByLabel('2').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Decided by');
    await checkPage(page, `${carerUrl}/approval`);
    await expect.poll(() => page.locator('main').textContent()).toContain('2 people at once');
    await expect.poll(() => page.locator('.govuk-tag').first().textContent()).toContain('Approved');
  });
});
