import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkAxe, checkPage, scrollsSideways, signIn, takeBrowserProblems, test } from './harness.js';

/**
 * Easy Read pages and the accessibility statement: axe at a phone's width, at desktop width and at
 * 200% zoom; no sideways scrolling; symbols load under the CSP; read aloud with the browser's speech,
 * which headless Chromium cannot do, so a recording stand-in takes its place.
 */

const WIDTHS = [
  { name: '320 px', width: 320, height: 640 },
  // A 1280 px screen zoomed to 200% is 640 CSS pixels wide.
  { name: '200% zoom', width: 640, height: 450 },
  { name: 'desktop', width: 1280, height: 900 },
];

const brokenSymbols = (page: Page) =>
  page.$$eval('img.hearth-er-symbol', (images) =>
    images
      .filter((img) => !(img as HTMLImageElement).complete || (img as HTMLImageElement).naturalWidth === 0)
      .map((img) => (img as HTMLImageElement).src),
  );

/** Stands in for speechSynthesis: records each line spoken and what was highlighted as it began. */
function recordSpeech(options: { automatic: boolean }) {
  const record = { spoken: [] as string[], highlighted: [] as string[], calls: [] as string[], current: null as EventTarget | null };
  class Utterance extends EventTarget {
    lang = '';
    rate = 1;
    voice: unknown = null;
    constructor(readonly text: string) {
      super();
    }
  }
  const finish = (u: EventTarget) => u.dispatchEvent(new Event('end'));
  const synth = {
    speak(u: Utterance) {
      record.spoken.push(u.text);
      record.current = u;
      setTimeout(() => {
        u.dispatchEvent(new Event('start'));
        record.highlighted.push(document.querySelector('.hearth-er-reading')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
        if (options.automatic) setTimeout(() => finish(u), 5);
      }, 5);
    },
    cancel() {
      record.calls.push('cancel');
    },
    pause() {
      record.calls.push('pause');
    },
    resume() {
      record.calls.push('resume');
    },
    getVoices: () => [],
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  (window as unknown as { speech: typeof record }).speech = record;
}

const speech = (page: Page) =>
  page.evaluate(() => {
    const { spoken, highlighted, calls } = (window as unknown as { speech: { spoken: string[]; highlighted: string[]; calls: string[] } })
      .speech;
    return { spoken, highlighted, calls };
  });

const readAloudLines = (page: Page) =>
  page.$$eval('main [data-read-aloud]', (elements) => elements.map((e) => e.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean));

describe('Easy Read pages and the accessibility statement', () => {
  test('pass axe at 320 px, at 200% zoom and at desktop width, with nothing scrolling sideways', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('person'), hearth.password);
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const path of ['/help/easy-read', '/account/reading', '/accessibility']) {
        await checkPage(page, path);
        expect(await scrollsSideways(page), `${path} at ${size.name}`).toBe(false);
        expect(await brokenSymbols(page), `${path} at ${size.name}`).toEqual([]);
      }
    }
  });

  test('the statement passes signed out too, and is in the footer', async ({ page }) => {
    await page.setViewportSize(WIDTHS[0]!);
    await checkPage(page, '/sign-in');
    await page.getByRole('link', { name: 'Accessibility' }).click();
    await page.waitForURL((url) => url.pathname === '/accessibility');
    await checkAxe(page);
    expect(await scrollsSideways(page)).toBe(false);
  });

  test('bigger words make the text larger and still fit 320 px without sideways scrolling', async ({ page, hearth }) => {
    await page.setViewportSize(WIDTHS[0]!);
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await page.goto('/help/easy-read');
    const before = await page
      .locator('.hearth-er-text')
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(before).toBeGreaterThanOrEqual(19);
    await page.goto('/account/reading');
    await page.getByRole('group', { name: 'Do you want bigger words?' }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.waitForURL((url) => url.search === '?saved=yes');
    await checkPage(page, '/help/easy-read');
    const after = await page
      .locator('.hearth-er-text')
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(after).toBeGreaterThanOrEqual(before * 1.2);
    expect(await scrollsSideways(page)).toBe(false);
    const smallestTarget = await page.$$eval('main a, main button:not([hidden]), main input', (targets) =>
      Math.min(
        ...targets
          .filter((t) => (t as HTMLElement).offsetParent)
          .map((t) => {
            const box = (t.closest('.govuk-radios__item') ?? t).getBoundingClientRect();
            return Math.min(box.width, box.height);
          }),
      ),
    );
    expect(smallestTarget).toBeGreaterThanOrEqual(24);
    const choice = await page.locator('.hearth-er-choice').first().boundingBox();
    expect(Math.min(choice!.width, choice!.height)).toBeGreaterThanOrEqual(44);
  });
});

describe('read aloud', () => {
  test('reads every Easy Read line in order, highlighting each, from a keyboard', async ({ context, hearth }) => {
    await context.addInitScript(recordSpeech, { automatic: true });
    const page = await context.newPage();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await checkPage(page, '/help/easy-read');
    const start = page.getByRole('button', { name: 'Read this page to me' });
    await expect.poll(() => start.isVisible()).toBe(true);
    // The demo person's record says someone reads with her: read aloud is offered before the title.
    expect(
      await page.evaluate(() => {
        const controls = document.querySelector('[data-read-aloud-controls]')!;
        return Boolean(controls.compareDocumentPosition(document.querySelector('h1')!) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
    ).toBe(true);
    const lines = await readAloudLines(page);
    expect(lines.length).toBeGreaterThan(20);
    await start.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await speech(page)).spoken.length, { timeout: 20_000 }).toBe(lines.length);
    const { spoken, highlighted } = await speech(page);
    expect(spoken).toEqual(lines);
    await expect.poll(async () => (await speech(page)).highlighted.length).toBe(lines.length);
    expect((await speech(page)).highlighted.every((text, i) => text.includes(spoken[i]!) || spoken[i]!.includes(text))).toBe(true);
    expect(highlighted[0]).toBe('How to use Hearth');
    // Once the page is read, the highlight goes and the button is back.
    await expect.poll(() => page.locator('.hearth-er-reading').count()).toBe(0);
    await expect.poll(() => start.isVisible()).toBe(true);
    await checkAxe(page);
    expect(takeBrowserProblems(page)).toEqual([]);
  });

  test('pauses, carries on and stops', async ({ context, hearth }) => {
    await context.addInitScript(recordSpeech, { automatic: false });
    const page = await context.newPage();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await page.goto('/help/easy-read');
    await page.getByRole('button', { name: 'Read this page to me' }).click();
    await expect.poll(() => page.locator('.hearth-er-reading').textContent()).toBe('How to use Hearth');
    await checkAxe(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Carry on' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    expect((await speech(page)).calls).toEqual(['cancel', 'pause', 'resume', 'cancel']);
    expect(await page.locator('.hearth-er-reading').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Read this page to me');
  });

  test('is not offered without JavaScript, and the page is all there', async ({ openContext, hearth }) => {
    const page = await (await openContext({ javaScriptEnabled: false })).newPage();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    // No axe here: it runs as a script in the page, and scripts are off.
    expect((await page.goto('/help/easy-read'))?.status()).toBe(200);
    expect(await page.getByRole('button', { name: 'Read this page to me' }).count()).toBe(0);
    expect(await page.locator('[data-read-aloud-controls]').isVisible()).toBe(false);
    expect(await page.locator('main [data-read-aloud]').count()).toBeGreaterThan(20);
    expect(await page.getByRole('link', { name: 'Choose how I read Hearth' }).isVisible()).toBe(true);
  });

  test('is not offered in a browser that cannot speak', async ({ context, hearth }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    });
    const page = await context.newPage();
    await signIn(page, hearth.signInFor('person'), hearth.password);
    await checkPage(page, '/help/easy-read');
    expect(await page.locator('[data-read-aloud-controls]').isVisible()).toBe(false);
  });
});
