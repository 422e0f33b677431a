import { describe, expect } from 'vitest';
import { todayInUk } from '../../src/platform/dates.js';
import { ONS_HEADER, onsLine } from '../../src/postcodes/testing.js';
import { checkAxe, checkPage, fillDate, sendEmpty, signIn, test } from './harness.js';

/** Postcodes: the manager's page and a file loaded through it; a carer's record with a postcode known and not. */

describe('postcodes, in the browser', () => {
  test('a manager loads a postcode file; the page says what was loaded', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/settings/postcodes');
    await expect.poll(() => page.locator('main').textContent()).toContain('Demo records');
    await sendEmpty(page, '/settings/postcodes', 'Load postcodes', ['Choose a postcode file (CSV) to load']);
    const file = [ONS_HEADER, onsLine({ postcode: 'XA1 1AB', latitude: 53.7, longitude: -2.4 }), 'not a row'].join('\n');
    await page.getByLabel('Postcode files (CSV)').setInputFiles({ name: 'ONSPD.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Load postcodes' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('1 postcodes loaded from 2 rows');
    await checkAxe(page);
  });

  test('a worker adds a carer with a postcode Hearth does not know, then one of the demo’s', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    await page.goto('/carers/new');
    await page.getByLabel('Full name').fill('Rowan Ashby');
    await page.getByLabel('Postcode (optional)').fill('xa9 9zz');
    await fillDate(page, 'When did they first get in touch?', todayInUk());
    await page.getByRole('button', { name: 'Add enquiry' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Hearth cannot find postcode XA9 9ZZ');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Change details' }).click();
    await page.getByLabel('Postcode (optional)').fill('NO4 9NP');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Known from their postcode, NO4 9NP');
    await checkAxe(page);
  });
});
