import { and, eq, inArray, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { arrangements } from '../../src/arrangements/schema.js';
import { circleConsents, circleMembers } from '../../src/people/schema.js';
import { users } from '../../src/platform/db/schema.js';
import { supportPlanProposals, supportPlans } from '../../src/support-plans/schema.js';
import { checkAxe, checkPage, chooseReading, fixedCarersArrangement, sendEmpty, signIn, test, type Hearth } from './harness.js';

/** Support plans' pages as a worker, a manager, the carer, the person (always in Easy Read) and their circle, with axe on each; the merge screen. */

/** The fixed carer sign-in's live arrangement, the sign-in of the person in it, and its plan's open proposals. */
async function carersPlan(hearth: Hearth) {
  const { id, personEmail } = await fixedCarersArrangement(hearth);
  const [plan] = await hearth.db.owner.select({ id: supportPlans.id }).from(supportPlans).where(eq(supportPlans.arrangementId, id));
  const proposals = await hearth.db.owner
    .select({ id: supportPlanProposals.id, authorRole: supportPlanProposals.authorRole })
    .from(supportPlanProposals)
    .where(eq(supportPlanProposals.planId, plan!.id));
  return { id, personEmail, planId: plan!.id, proposals };
}

/** Someone in a circle of support, with a sign-in and consent to see the plan of a live arrangement. */
async function consentedCircle(hearth: Hearth) {
  const [found] = await hearth.db.owner
    .select({ email: users.email, arrangementId: arrangements.id })
    .from(circleMembers)
    .innerJoin(users, eq(users.id, circleMembers.userId))
    .innerJoin(
      circleConsents,
      and(eq(circleConsents.circleMemberId, circleMembers.id), eq(circleConsents.area, 'support_plan'), isNull(circleConsents.withdrawnAt)),
    )
    .innerJoin(
      arrangements,
      and(eq(arrangements.personId, circleMembers.personId), inArray(arrangements.status, ['starting', 'active', 'paused'])),
    )
    .where(isNull(circleMembers.endedAt))
    .limit(1);
  return found!;
}

describe('support plans, as staff', () => {
  test('the plan, its versions, a proposal, the list of open proposals and the forms pass axe', async ({ page, hearth }) => {
    const { id, proposals } = await carersPlan(hearth);
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await checkPage(page, '/arrangements');
    await checkPage(page, '/support-plans/proposals');
    await checkPage(page, '/support-plans/proposals?worker=all');
    await checkPage(page, `/arrangements/${id}/plan`);
    await checkPage(page, `/arrangements/${id}/plan/versions/1`);
    await checkPage(page, `/arrangements/${id}/plan/edit`);
    for (const p of proposals) await checkPage(page, `/arrangements/${id}/plan/proposals/${p.id}`);
    await sendEmpty(page, `/arrangements/${id}/plan/proposals/${proposals[0]!.id}`, 'Reply', ['Write your reply']);
    await sendEmpty(page, `/arrangements/${id}/plan/proposals/${proposals[0]!.id}`, 'Decline', ['Say why it is not accepted']);
  });

  test('two people save the same version: the second sees both, takes theirs for the part both changed, and saves', async ({
    openContext,
    hearth,
  }) => {
    const { id } = await carersPlan(hearth);
    const worker = await (await openContext()).newPage();
    const manager = await (await openContext()).newPage();
    await signIn(worker, hearth.signInFor('scheme_worker'), hearth.password);
    await signIn(manager, hearth.signInFor('scheme_manager'), hearth.password);
    await worker.goto(`/arrangements/${id}/plan/edit`);
    await manager.goto(`/arrangements/${id}/plan/edit`);

    await worker.getByLabel('Goals, in their own words').fill('I want to swim twice a week.');
    await worker.getByLabel('What changed and why').fill('Agreed at the monthly visit');
    await worker.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => worker.locator('.govuk-notification-banner').textContent()).toContain('saved as a new version');

    await manager.getByLabel('Goals, in their own words').fill('I want to learn to swim.');
    await manager.getByLabel('Routines').fill('Tea at half six.');
    await manager.getByLabel('What changed and why').fill('New routine');
    await manager.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => manager.locator('.govuk-error-summary').textContent()).toContain('changed the same parts as you');
    expect(await manager.title()).toMatch(/^Error: /);
    await expect.poll(() => manager.locator('.hearth-compare').textContent()).toContain('I want to swim twice a week.');
    await checkAxe(manager);
    await manager.getByRole('radio', { name: 'Take theirs' }).check();
    await manager.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => manager.locator('.govuk-notification-banner').textContent()).toContain('saved as a new version');
    const main = await manager.locator('main').textContent();
    expect(main).toContain('I want to swim twice a week.');
    expect(main).toContain('Tea at half six.');
    await checkAxe(manager);
  });
});

describe('support plans, as the carer, the person and their circle', () => {
  test('the carer reads the plan and its proposals, and proposes a change without JavaScript', async ({ openContext, page, hearth }) => {
    const { id, proposals } = await carersPlan(hearth);
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await checkPage(page, `/arrangements/${id}/plan`);
    await checkPage(page, `/arrangements/${id}/plan/versions/1`);
    await checkPage(page, `/arrangements/${id}/plan/proposals/${proposals[0]!.id}`);
    await sendEmpty(page, `/arrangements/${id}/plan/propose`, 'Send it to the worker', [
      'Choose which part of the plan it is about',
      'Say what you want, in your own words',
    ]);
    const noScript = await (await openContext({ javaScriptEnabled: false })).newPage();
    await signIn(noScript, hearth.signInFor('carer'), hearth.password);
    await noScript.goto(`/arrangements/${id}/plan/propose?section=medication`);
    await noScript
      .getByLabel('What you want, or what you want to say, in your own words')
      .fill('The GP has moved the tablets to the evening.');
    await noScript.getByRole('button', { name: 'Send it to the worker' }).click();
    await expect.poll(() => noScript.locator('main').textContent()).toContain('Waiting for the worker');
    await checkPage(page, new URL(noScript.url()).pathname);
  });

  test('the person reads their plan in Easy Read whichever way they chose to read, and says they like a part', async ({ page, hearth }) => {
    const { id, personEmail } = await carersPlan(hearth);
    await signIn(page, { email: personEmail }, hearth.password);
    for (const easyRead of [false, true]) {
      await chooseReading(page, { easyRead });
      await checkPage(page, `/arrangements/${id}/plan`);
      await expect.poll(() => page.locator('h1').textContent()).toContain('My support plan');
      expect(await page.locator('main .hearth-er-line').count()).toBeGreaterThan(5);
      await checkPage(page, `/arrangements/${id}/plan/propose`);
    }
    await checkPage(page, `/arrangements/${id}/plan/propose?section=routines`);
    await page.getByRole('button', { name: 'I like this' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('I like this part of my plan.');
    await checkAxe(page);
  });

  test('someone in the circle with consent reads the plan and proposes', async ({ page, hearth }) => {
    const { email, arrangementId } = await consentedCircle(hearth);
    await signIn(page, { email }, hearth.password);
    await checkPage(page, `/arrangements/${arrangementId}/plan`);
    await checkPage(page, `/arrangements/${arrangementId}/plan/versions/1`);
    await checkPage(page, `/arrangements/${arrangementId}/plan/propose?section=importantPeople`);
  });
});
