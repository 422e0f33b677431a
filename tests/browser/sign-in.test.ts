import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { memberships, schemes } from '../../src/platform/db/schema.js';
import { aUser, TEST_PASSWORD } from '../../src/platform/testing/builders.js';
import { checkAxe, signIn, takeBrowserProblems, test, type Hearth } from './harness.js';

async function demoScheme(hearth: Hearth, nameStart: string) {
  const found = (await hearth.db.owner.select().from(schemes)).find((s) => s.name.startsWith(nameStart));
  if (!found) throw new Error(`No demo scheme called ${nameStart}…`);
  return found;
}

/** Pages the demo sign-ins never reach: someone with several places to go, and someone with none. */
describe('signing in with more than one place, or none', () => {
  test('someone in two schemes chooses where to go', async ({ page, hearth }) => {
    const person = await aUser(hearth.db, { role: 'carer', schemeId: (await demoScheme(hearth, 'Northbrook')).id });
    await hearth.db.owner
      .insert(memberships)
      .values({ userId: person.id, schemeId: (await demoScheme(hearth, 'Eastmere')).id, role: 'carer' });

    await signIn(page, person, TEST_PASSWORD, '/choose-scheme');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose where to go');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await checkAxe(page);

    await page.getByLabel('Eastmere Shared Lives (demo): Shared Lives carer').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.locator('.govuk-caption-l').textContent()).toContain('Eastmere');
    expect(takeBrowserProblems(page)).toEqual([]);
  });

  test('someone whose access has ended is told so, and can sign out', async ({ page, hearth }) => {
    const person = await aUser(hearth.db, { role: 'carer', schemeId: (await demoScheme(hearth, 'Northbrook')).id });
    await hearth.db.owner.update(memberships).set({ endedAt: new Date() }).where(eq(memberships.id, person.membership.id));

    await signIn(page, person, TEST_PASSWORD, '/no-access');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signed-out');
    expect(takeBrowserProblems(page)).toEqual([]);
  });
});
