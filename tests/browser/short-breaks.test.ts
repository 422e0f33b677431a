import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { carers } from '../../src/carers/schema.js';
import { people } from '../../src/people/schema.js';
import { schemes, users } from '../../src/platform/db/schema.js';
import { bookings } from '../../src/short-breaks/schema.js';
import { checkAxe, checkPage, sendEmpty, signIn, test, type Hearth } from './harness.js';

/** Short breaks: the calendar, the forms and the booking pages as worker, carer and person, with axe, narrow and without scripts. */

const NORTHBROOK = 'Northbrook Shared Lives (demo)';

/** A Northbrook stay of the fixed person sign-in at the fixed carer sign-in's home, and the month it starts in. */
async function demoBooking(hearth: Hearth) {
  const [row] = await hearth.db.owner
    .select({ id: bookings.id, nights: bookings.nights, carerId: bookings.carerId })
    .from(bookings)
    .innerJoin(carers, eq(carers.id, bookings.carerId))
    .innerJoin(schemes, eq(schemes.id, carers.schemeId))
    .innerJoin(people, eq(people.id, bookings.personId))
    .innerJoin(users, eq(users.id, people.userId))
    .where(
      and(
        eq(schemes.name, NORTHBROOK),
        eq(bookings.kind, 'short_breaks'),
        eq(bookings.status, 'booked'),
        eq(carers.email, hearth.signInFor('carer').email),
        eq(users.email, hearth.signInFor('person').email),
      ),
    )
    .limit(1);
  return { id: row!.id, carerId: row!.carerId, month: row!.nights!.from.slice(0, 7) };
}

describe('short breaks, as a worker', () => {
  test('the calendar, filtered and not, the booking forms and a booking pass', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_worker'), hearth.password);
    const booking = await demoBooking(hearth);
    await checkPage(page, `/calendar?month=${booking.month}`);
    expect(await page.locator('table caption').textContent()).toContain('day by day');
    await checkPage(page, `/calendar?month=${booking.month}&carer=${booking.carerId}`);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/\d+ of \d+ nights used in \d{4}/);
    await checkPage(page, `/calendar/bookings/${booking.id}`);
    await checkPage(page, `/calendar/availability?carer=${booking.carerId}`);
    await checkPage(page, `/calendar/breaks?carer=${booking.carerId}`);
    await sendEmpty(page, '/calendar/bookings/new?kind=short_breaks', 'Book', ['Choose the carer', 'Enter the arrival date']);
    await sendEmpty(page, '/calendar/bookings/new?kind=day_support', 'Book', ['Choose the carer', 'Enter the start time']);
    await sendEmpty(page, `/calendar/bookings/${booking.id}`, 'Cancel booking', ['Enter why the booking is cancelled']);
  });

  test('a manager’s settings and the calendar link pass', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('scheme_manager'), hearth.password);
    await checkPage(page, '/calendar/settings');
    await checkPage(page, '/calendar/link');
    await page.getByRole('button', { name: 'Make a calendar link' }).click();
    await expect.poll(() => page.getByLabel('Your private calendar link').inputValue()).toMatch(/\/calendar\/feed\/[\w-]{43}\.ics$/);
    await checkAxe(page);
  });
});

describe('short breaks, as a carer', () => {
  test('their calendar, availability and breaks pass, and a form sent empty says what to fix', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('carer'), hearth.password);
    const booking = await demoBooking(hearth);
    await checkPage(page, `/calendar?month=${booking.month}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('your nights off this year');
    await checkPage(page, '/calendar/availability');
    await sendEmpty(page, '/calendar/availability', 'Publish nights', ['Enter the first night', 'Enter the last night']);
    await sendEmpty(page, '/calendar/breaks', 'Record break', ['Enter the first night off']);
  });

  test('the calendar reads at 320 pixels wide, and without scripts', async ({ openContext, hearth }) => {
    const booking = await demoBooking(hearth);
    const narrow = await (await openContext({ viewport: { width: 320, height: 720 } })).newPage();
    await signIn(narrow, hearth.signInFor('carer'), hearth.password);
    await checkPage(narrow, `/calendar?month=${booking.month}`);
    const noScripts = await (await openContext({ javaScriptEnabled: false })).newPage();
    await signIn(noScripts, hearth.signInFor('carer'), hearth.password);
    await noScripts.goto(`/calendar?month=${booking.month}`);
    expect(await noScripts.locator(`a[href="/calendar/bookings/${booking.id}"]`).count()).toBeGreaterThan(0);
    await noScripts.getByRole('link', { name: /Next/ }).click();
    expect(new URL(noScripts.url()).search).toContain('month=');
  });
});

describe('short breaks, as the person', () => {
  test('their calendar in plain words and a booking pass', async ({ page, hearth }) => {
    await signIn(page, hearth.signInFor('person'), hearth.password);
    const booking = await demoBooking(hearth);
    await checkPage(page, `/calendar?month=${booking.month}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Staying with');
    await checkPage(page, `/calendar/bookings/${booking.id}`);
    await checkPage(page, '/calendar/link');
  });
});
