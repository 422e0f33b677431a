import { describe, expect } from 'vitest';
import { DEMO_SIGN_INS } from '../../src/demo/generate.js';
import { ROLE_NAMES, type Role } from '../../src/platform/permissions/roles.js';
import { chooseReading, DESKTOP, PHONE, signIn, test, walk } from './harness.js';

/**
 * Pages a walk visits: the first page of each shape of address, breadth first from home, so a limit
 * leaves out the deepest pages. Reading normally, a hundred; the worker's walk sixty, since the
 * manager's walk goes through the same staff pages and more (staff have more shapes than a hundred;
 * every other role has fewer). In Easy Read, forty: what Easy Read changes is the person's pages and
 * the layout, and the person's and their circle's walks reach all their pages within forty.
 */
const pagesFor = (role: Role, easyRead: boolean) => (easyRead ? 40 : role === 'scheme_worker' ? 60 : 100);

/** A walk of a hundred pages, two axe runs each, shares two cores with another file's tests. */
const WALK_TIMEOUT = 360_000;

/**
 * The longest walks each have a file of their own (walk-*.test.ts), so that they run side by side;
 * walk.test.ts walks everyone else.
 */
export const OWN_FILE_WALKS = {
  manager: ['scheme_manager'],
  worker: ['scheme_worker'],
  carer: ['carer', 'person'],
} as const satisfies Record<string, readonly Role[]>;

/** The demo sign-ins that walk in one of those files, or (with no file named) in walk.test.ts. */
export function walkersFor(file?: keyof typeof OWN_FILE_WALKS) {
  const own: readonly Role[] = Object.values(OWN_FILE_WALKS).flat();
  return DEMO_SIGN_INS.filter((who) => (file ? (OWN_FILE_WALKS[file] as readonly Role[]).includes(who.role) : !own.includes(who.role)));
}

/**
 * Every page a link leads to, for each demo sign-in, read normally and in Easy Read (chosen on
 * /account/reading, as they would, and put back after), each page at 320 px and at desktop width:
 * axe (WCAG 2.2 A and AA) at both, and nothing scrolling sideways.
 */
export function walkEveryPage(whos: readonly (typeof DEMO_SIGN_INS)[number][]) {
  describe('walking Hearth as each demo sign-in, in each way of reading, at 320 px and at desktop width', () => {
    const axed = new Set<string>();
    for (const who of whos) {
      for (const easyRead of [false, true]) {
        test(
          `${ROLE_NAMES[who.role]} (${who.email}), ${easyRead ? 'Easy Read' : 'normal'}`,
          async ({ page, hearth }) => {
            const started = Date.now();
            await signIn(page, who, hearth.password);
            const putBack = await chooseReading(page, { easyRead });
            try {
              await page.setViewportSize(DESKTOP);
              const { visited, problems, axeRuns } = await walk(page, {
                from: '/',
                limit: pagesFor(who.role, easyRead),
                sizes: [DESKTOP, PHONE],
                axed,
              });
              console.log(
                `${who.role}, ${easyRead ? 'Easy Read' : 'normal'}: ${visited.length} pages, axe run ${axeRuns} times, ${((Date.now() - started) / 1000).toFixed(1)} s\n${visited.map((v) => `  ${v.status} ${v.path}`).join('\n')}`,
              );
              expect(problems).toEqual([]);
              expect(visited.map((v) => v.path)).toEqual(expect.arrayContaining(['/', '/account']));
            } finally {
              await putBack();
            }
            if (easyRead) return;
            await page.goto('/');
            await page.getByRole('button', { name: 'Sign out' }).click();
            await page.waitForURL((url) => url.pathname === '/signed-out');
            await page.goto('/account');
            expect(new URL(page.url()).pathname).toBe('/sign-in');
          },
          WALK_TIMEOUT,
        );
      }
    }
  });
}
