import { describe, expect } from 'vitest';
import { checkAxe, checkPage, followable, takeBrowserProblems, test, walk } from './harness.js';

/** The checks must be able to fail: a harness that passes everything would hide every problem. */
describe('the browser-test harness', () => {
  test('axe reports a broken rule with its id, the element and the page', async ({ page }) => {
    await checkPage(page, '/sign-in');
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/hearth/hearth-logo.svg">'));
    await expect(checkAxe(page)).rejects.toThrow(
      /\/sign-in:[\s\S]*image-alt \(critical\): Images must have alternative text[\s\S]*at #main-content > img/,
    );
  });

  test('an inline script without the nonce is blocked by the CSP, and that is reported', async ({ page }) => {
    await checkPage(page, '/sign-in');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.ran = "yes"';
      document.body.append(script);
    });
    await expect.poll(() => takeBrowserProblems(page).join('\n')).toMatch(/Content Security Policy/);
    expect(await page.evaluate(() => document.body.dataset.ran)).toBeUndefined();
  });

  test('a missing asset is reported', async ({ page }) => {
    await checkPage(page, '/sign-in');
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/hearth/no-such-file.png">'));
    await expect.poll(() => takeBrowserProblems(page).join('\n')).toMatch(/no-such-file\.png \(image\) answered 404/);
  });

  test('the walk notes a download without treating it as a page', async ({ page }) => {
    await page.route('**/walk-start', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>Start</title><main><h1>Start</h1><a href="/export.csv-file">Export</a></main></html>',
      }),
    );
    await page.route('**/export.csv-file', (route) =>
      route.fulfill({
        contentType: 'text/csv',
        headers: { 'content-disposition': 'attachment; filename="export.csv"' },
        body: 'a,b\n1,2\n',
      }),
    );
    const { visited, problems } = await walk(page, { from: '/walk-start' });
    expect(problems).toEqual([]);
    expect(visited).toEqual([
      { path: '/walk-start', status: 200 },
      { path: '/export.csv-file', status: 0 },
    ]);
  });

  test('the walk follows pages of this site only', () => {
    const origin = 'http://127.0.0.1:4000';
    expect(followable('http://127.0.0.1:4000/team?page=2#top', origin)).toBe('http://127.0.0.1:4000/team?page=2');
    for (const link of [
      'https://www.gov.uk/',
      'mailto:a@b.example',
      'http://127.0.0.1:4000/sign-out',
      'http://127.0.0.1:4000/assets/images/favicon.ico',
      'http://127.0.0.1:4000/hearth/hearth.css',
    ]) {
      expect(followable(link, origin), link).toBeNull();
    }
  });
});
