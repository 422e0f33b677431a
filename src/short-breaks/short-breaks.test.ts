import type { FastifyInstance } from 'fastify';
import { anArrangement } from '../arrangements/testing.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCircleMember, aPerson } from '../people/testing.js';
import { auditEvents } from '../platform/db/schema.js';
import type { Database } from '../platform/db/database.js';
import type { Role } from '../platform/permissions/roles.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { addDays, todayInUk } from '../platform/dates.js';
import { monthOf } from './month.js';
import { bookings } from './schema.js';
import { aBreak, aShortBreaksCarer, aStay, someNightsFree } from './testing.js';

const today = todayInUk();
const day = (n: number) => addDays(today, n);
const dateFields = (name: string, iso: string) => {
  const [year, month, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};
const monthLink = (iso: string) => `/calendar?month=${monthOf(iso)}`;

describe('short breaks pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  let schemeId = '';
  const visitors = new Map<Role | 'other carer', Visitor>();
  let host: Awaited<ReturnType<typeof aShortBreaksCarer>>;
  let otherHost: Awaited<ReturnType<typeof aShortBreaksCarer>>;
  let guest: Awaited<ReturnType<typeof aPerson>>;
  let otherGuest: Awaited<ReturnType<typeof aPerson>>;
  const userIds = new Map<string, string>();

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    schemeId = (await aScheme(db)).id;
    for (const role of ['scheme_manager', 'scheme_worker', 'carer', 'other carer', 'person', 'circle_member'] as const) {
      const user = await aUser(db, { role: role === 'other carer' ? 'carer' : role, schemeId });
      userIds.set(role, user.id);
      const visitor = new Visitor(app);
      await visitor.signIn(user.email);
      visitors.set(role, visitor);
    }
    host = await aShortBreaksCarer(db, { schemeId, userId: userIds.get('carer'), name: 'Hattie Host', rooms: 2 });
    otherHost = await aShortBreaksCarer(db, { schemeId, userId: userIds.get('other carer'), name: 'Olwen Other' });
    guest = await aPerson(db, { schemeId, status: 'supported', userId: userIds.get('person'), name: 'Gus Guest' });
    otherGuest = await aPerson(db, { schemeId, status: 'supported', name: 'Vera Visitor' });
    await aCircleMember(db, guest, { userId: userIds.get('circle_member'), consents: ['profile'] });
    await someNightsFree(db, host, { from: day(1), to: day(60) });
    await someNightsFree(db, otherHost, { from: day(1), to: day(60) });
    await aStay(db, host, guest, { from: day(3), to: day(5) }, 1);
    await aStay(db, otherHost, otherGuest, { from: day(3), to: day(5) }, 1);
    await aBreak(db, host, `${today.slice(0, 4)}-01-10`, `${today.slice(0, 4)}-01-15`);
  });
  afterAll(async () => close());

  const v = (who: Role | 'other carer') => visitors.get(who)!;

  it('shows a worker their caseload’s month first, then the whole scheme’s, and one carer’s with their nights off', async () => {
    await anArrangement(db, {
      schemeId,
      personId: guest.id,
      carerId: host.id,
      type: 'short_breaks',
      workerUserId: userIds.get('scheme_worker')!,
    });
    const mine = await v('scheme_worker').get(monthLink(day(3)));
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Gus Guest at Hattie Host’s (room 1)');
    expect(mine.body).not.toContain('Vera Visitor at');
    expect(mine.body).toMatch(/<option value="mine" selected>Your caseload<\/option>/);
    const page = await v('scheme_worker').get(`${monthLink(day(3))}&whose=all`);
    expect(page.body).toContain('Gus Guest at Hattie Host’s (room 1)');
    expect(page.body).toContain('Vera Visitor at Olwen Other’s');
    const one = await v('scheme_worker').get(`${monthLink(day(3))}&carer=${host.id}`);
    expect(one.body).not.toContain('Vera Visitor at');
    expect(one.body).toContain(`5 of 28 nights used in ${today.slice(0, 4)}`);
    expect(one.body).toContain('<caption id="calendar-caption"');
  });

  it('shows a carer the bookings at their home and no one else’s', async () => {
    const page = await v('carer').get(monthLink(day(3)));
    expect(page.body).toContain('Gus Guest staying (room 1)');
    expect(page.body).not.toContain('Vera Visitor');
    expect(page.body).toContain('your nights off this year');
    expect((await v('carer').get('/calendar/bookings/new')).statusCode).toBe(403);
    const [theirs] = await db.owner.select({ id: bookings.id }).from(bookings).where(eq(bookings.personId, otherGuest.id));
    expect((await v('carer').get(`/calendar/bookings/${theirs!.id}`)).statusCode).toBe(404);
  });

  it('tells the person about their own breaks in plain words, and their circle too', async () => {
    const page = await v('person').get(monthLink(day(3)));
    expect(page.body).toContain('Staying with Hattie Host');
    expect(page.body).toMatch(/From \w+ \d+ \w+ to \w+ \d+ \w+ \(2 nights\)/);
    expect(page.body).not.toContain('Olwen Other');
    expect((await v('circle_member').get(monthLink(day(3)))).body).toContain('Gus Guest staying with Hattie Host');
  });

  it('keeps a worker’s answers when the booking form is wrong, and says so', async () => {
    const worker = v('scheme_worker');
    await worker.get('/calendar/bookings/new?kind=short_breaks');
    const page = await worker.post('/calendar/bookings', {
      kind: 'short_breaks',
      carerId: host.id,
      personId: otherGuest.id,
      ...dateFields('arrive', day(10)),
      notes: 'Likes a night light',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Enter the leaving date');
    expect(page.body).toContain('Likes a night light');
    expect(page.body).toContain(`value="${Number(day(10).slice(8))}"`);
  });

  it('books nights, and tells the second booking for the same nights that they were just taken', async () => {
    const worker = v('scheme_worker');
    await worker.get('/calendar/bookings/new?kind=short_breaks');
    const form = { kind: 'short_breaks', carerId: host.id, ...dateFields('arrive', day(20)), ...dateFields('leave', day(23)), room: '2' };
    const booked = await worker.post('/calendar/bookings', { ...form, personId: otherGuest.id });
    expect(booked.statusCode).toBe(302);
    const again = await worker.post('/calendar/bookings', { ...form, personId: guest.id, notes: 'Second try' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Those nights were just booked by someone else');
    expect(again.body).toContain('Second try');
    const outside = await worker.post('/calendar/bookings', { ...form, ...dateFields('leave', day(70)), personId: guest.id });
    expect(outside.body).toContain('not said they are available');
  });

  it('books day support within the carer’s hours', async () => {
    const carer = v('carer');
    await carer.get('/calendar/availability');
    const published = await carer.post('/calendar/availability', {
      kind: 'day_support',
      ...dateFields('date', day(7)),
      start: '9:00',
      end: '17:00',
    });
    expect(published.statusCode).toBe(302);
    const worker = v('scheme_worker');
    await worker.get('/calendar/bookings/new?kind=day_support');
    const session = { kind: 'day_support', carerId: host.id, personId: otherGuest.id, ...dateFields('date', day(7)) };
    expect((await worker.post('/calendar/bookings', { ...session, start: '10:00', end: '9:00' })).body).toContain(
      'The end time must be after the start time',
    );
    expect((await worker.post('/calendar/bookings', { ...session, start: '8:00', end: '12:00' })).body).toContain(
      'not said they are available',
    );
    expect((await worker.post('/calendar/bookings', { ...session, start: '10:00', end: '15:00' })).statusCode).toBe(302);
    expect((await worker.get(`${monthLink(day(7))}&person=${otherGuest.id}`)).body).toContain(
      '10:00 to 15:00: Day support: Vera Visitor with Hattie Host',
    );
  });

  it('lets a carer publish only their own availability, and only what they are approved for', async () => {
    const nightsOnly = await aShortBreaksCarer(db, { schemeId, name: 'Nina Nights', kinds: ['short_breaks'] });
    const manager = v('scheme_manager');
    await manager.get(`/calendar/availability?carer=${nightsOnly.id}`);
    const refused = await manager.post(`/calendar/availability?carer=${nightsOnly.id}`, {
      kind: 'day_support',
      ...dateFields('date', day(7)),
      start: '9:00',
      end: '17:00',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Nina Nights is not approved for day support');
    expect((await v('carer').get(`/calendar/availability?carer=${otherHost.id}`)).statusCode).toBe(404);
    const overlap = await v('carer').post('/calendar/availability', {
      kind: 'short_breaks',
      ...dateFields('from', day(2)),
      ...dateFields('to', day(4)),
    });
    expect(overlap.body).toContain('That overlaps times already published');
  });

  it('lets people book only when the scheme’s manager allows it, and keeps cancellations with who and why', async () => {
    const person = v('person');
    expect((await person.get('/calendar/bookings/new')).statusCode).toBe(403);
    const manager = v('scheme_manager');
    await manager.get('/calendar/settings');
    expect((await manager.post('/calendar/settings', { peopleMayBook: 'yes', respiteNights: 'many' })).body).toContain(
      'Nights off a year must be a whole number',
    );
    expect((await manager.post('/calendar/settings', { peopleMayBook: 'yes', respiteNights: '21' })).statusCode).toBe(302);
    const form = await person.get('/calendar/bookings/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Hattie Host');
    expect(form.body).not.toContain('Olwen Other');
    const booked = await person.post('/calendar/bookings', {
      kind: 'short_breaks',
      carerId: host.id,
      personId: guest.id,
      ...dateFields('arrive', day(30)),
      ...dateFields('leave', day(32)),
      room: '1',
    });
    expect(booked.statusCode).toBe(302);
    const bookingUrl = booked.headers.location!.split('?')[0]!;
    await person.get(bookingUrl);
    expect((await person.post(`${bookingUrl}/cancel`, { reason: '' })).body).toContain('Enter why the booking is cancelled');
    expect((await person.post(`${bookingUrl}/cancel`, { reason: 'Going to a wedding' })).statusCode).toBe(302);
    const page = await v('scheme_worker').get(bookingUrl);
    expect(page.body).toContain('Cancelled');
    expect(page.body).toContain('Going to a wedding');
    expect((await v('carer').get(`${monthLink(day(3))}`)).body).toContain('of 21 nights used');
    await manager.post('/calendar/settings', { peopleMayBook: 'no', respiteNights: '28' });
  });

  it('records breaks against the allowance, which staff may change for one carer', async () => {
    const carer = v('carer');
    await carer.get('/calendar/breaks');
    expect((await carer.post('/calendar/breaks', { ...dateFields('from', day(40)), ...dateFields('to', day(39)) })).body).toContain(
      'The last night off must be on or after the first night off',
    );
    expect((await carer.post('/calendar/breaks/allowance', { nights: '40' })).statusCode).toBe(403);
    const worker = v('scheme_worker');
    await worker.get(`/calendar/breaks?carer=${host.id}`);
    expect((await worker.post(`/calendar/breaks/allowance?carer=${host.id}`, { nights: '30' })).statusCode).toBe(302);
    expect((await carer.get('/calendar/breaks')).body).toContain(`5 of 30 nights used in ${today.slice(0, 4)}`);
    expect((await worker.get(`/carers/${host.id}`)).body).toContain(`5 of 30 nights used in ${today.slice(0, 4)}`);
  });

  it('gives each user a private calendar feed of what they may see, and a new link ends the old one', async () => {
    const carer = v('carer');
    expect((await carer.get('/calendar/link')).body).toContain('You have no calendar link yet');
    const made = await carer.post('/calendar/link', {});
    const link = /value="(http[^"]+\.ics)"/.exec(made.body)![1]!;
    const path = new URL(link).pathname;
    const feed = await app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR\r\n');
    expect(feed.body.replace(/\r\n /g, '')).toContain('SUMMARY:Gus Guest staying (room 1)');
    const [theirs] = await db.owner.select({ id: bookings.id }).from(bookings).where(eq(bookings.carerId, otherHost.id));
    expect(feed.body).not.toContain(theirs!.id);
    expect(feed.body).toContain(`DTSTART;VALUE=DATE:${day(3).replace(/-/g, '')}`);
    const [exported] = await db.owner.select().from(auditEvents).where(eq(auditEvents.action, 'exported'));
    expect(exported?.actorUserId).toBe(userIds.get('carer'));
    await carer.get('/calendar/link');
    await carer.post('/calendar/link', {});
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/calendar/feed/not-a-token.ics' })).statusCode).toBe(404);
  });
});
