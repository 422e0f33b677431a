import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { incidents } from '../../src/incidents/schema.js';
import { dailyNotes } from '../../src/notes/schema.js';
import { checkAxe, checkPage, fixedCarersArrangement, sendEmpty, signIn, takeBrowserProblems, test, type Hearth } from './harness.js';

/** Daily notes and incidents as the carer (on a phone too), the worker, the manager and the person: axe on every page, a note written by keyboard alone. */

const NORTHBROOK = 'Northbrook Shared Lives (demo)';
const inNorthbrook = (schemeId: typeof dailyNotes.schemeId | typeof incidents.schemeId) =>
  inArray(schemeId, sql`(select id from schemes where name = ${NORTHBROOK})`);
const waitingNote = async (hearth: Hearth) =>
  (
    await hearth.db.owner
      .select({ id: dailyNotes.id })
      .from(dailyNotes)
      .where(and(inNorthbrook(dailyNotes.schemeId), eq(dailyNotes.flagged, true), isNull(dailyNotes.dealtAt)))
      .limit(1)
  )[0]!.id;
const unnotified = async (hearth: Hearth) =>
  (
    await hearth.db.owner
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(inNorthbrook(incidents.schemeId), eq(incidents.notifiable, true), isNull(incidents.notifiedOn)))
      .limit(1)
  )[0]!.id;

/** Presses Tab until the element with this id has focus: the way someone without a mouse gets there. */
async function tabTo(page: Page, id: string) {
  for (let n = 0; n < 60; n++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

describe('daily notes and incidents, as the carer', () => {
  test('on a 320 px phone: today’s note is one tap from home, every page passes axe, and nothing scrolls sideways', async ({
    openContext,
    hearth,
  }) => {
    const phone = await (await openContext({ viewport: { width: 320, height: 720 } })).newPage();
    const { id, personName } = await fixedCarersArrangement(hearth);
    await signIn(phone, hearth.signInFor('carer'), hearth.password);
    await checkAxe(phone);
    await phone.getByRole('button', { name: `Write today’s note about ${personName}` }).click();
    await expect.poll(() => phone.locator('h1').textContent()).toContain(`Today’s note about ${personName}`);
    await checkAxe(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await sendEmpty(phone, `/notes/new?arrangement=${id}`, 'Save the note', [
      'Say what happened today',
      'Choose how they seemed',
      'Choose yes if there is anything',
    ]);
    for (const path of ['/notes', `/arrangements/${id}/notes`, '/incidents', `/incidents/new?arrangement=${id}`]) {
      await checkPage(phone, path);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await sendEmpty(phone, `/incidents/new?arrangement=${id}`, 'Record it', [
      'Choose whether it is an incident or a safeguarding concern',
      'Say where it happened',
      'Choose how serious it is',
    ]);
  });

  test('writes a note with the keyboard alone', async ({ page, hearth }) => {
    const { id } = await fixedCarersArrangement(hearth);
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    await page.goto(`/notes/new?arrangement=${id}`);
    await tabTo(page, 'whatHappened');
    const countDown = () => page.locator('.govuk-character-count__status').first().textContent();
    await expect.poll(countDown).toContain('You have 4,000 characters remaining');
    await page.keyboard.type('Walked to the shops and back. Made scones.');
    await expect.poll(countDown).toContain('You have 3,958 characters remaining');
    await checkAxe(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('input[name="mood"]:checked').getAttribute('value')).toBe('4');
    await tabTo(page, 'flag');
    await page.keyboard.press('Space');
    await tabTo(page, 'writtenOn');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Your note has been saved');
    expect(await page.locator('main').textContent()).toContain('Made scones.');
    await checkAxe(page);
    expect(takeBrowserProblems(page)).toEqual([]);
  });
});

describe('daily notes and incidents, as staff and as the person', () => {
  test('the worker’s notes, attention list and incidents pass axe; a flagged note is dealt with', async ({ page, hearth }) => {
    const { id } = await fixedCarersArrangement(hearth);
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    for (const path of [
      '/notes',
      '/notes?worker=all',
      '/notes?worker=all&flagged=yes',
      '/attention',
      '/attention?everyone=yes',
      '/incidents',
      '/incidents?worker=all&status=all',
      '/incidents/new',
      `/arrangements/${id}/notes`,
      '/due',
    ])
      await checkPage(page, path);
    const note = await waitingNote(hearth);
    await checkPage(page, `/notes/${note}`);
    await sendEmpty(page, `/notes/${note}`, 'Mark as dealt with', ['Say what was done about it']);
    await page.getByLabel('What was done about it?').fill('Rang the carer; all well now');
    await page.getByRole('button', { name: 'Mark as dealt with' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('It has left this list');
    await checkAxe(page);
  });

  test('the manager records a notification to CQC, which leaves the attention list', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/attention');
    const incident = await unnotified(hearth);
    await checkPage(page, `/incidents/${incident}`);
    await sendEmpty(page, `/incidents/${incident}`, 'Record the notification', ['Choose how CQC was told']);
    await page.getByLabel('CQC online (the provider portal)').check();
    await page.getByRole('button', { name: 'Record the notification' }).click();
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('The notification to CQC has been recorded');
    await checkAxe(page);
    await checkPage(page, '/incidents?status=closed');
  });

  test('the person reads notes about themselves in plain words', async ({ page, hearth }) => {
    const { id, personEmail } = await fixedCarersArrangement(hearth);
    await signIn(page, { email: personEmail }, hearth.password);
    await checkPage(page, `/arrangements/${id}/notes`);
    expect(await page.locator('main').textContent()).toMatch(/You felt (very )?(happy|unhappy|OK)/);
  });
});
