import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCircleMember, aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import type { Role } from '../platform/permissions/roles.js';
import { testDatabase } from '../platform/testing/database.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { testServerUrl } from '../platform/testing/server.js';
import { addDays, todayInUk } from '../platform/dates.js';
import { constraintBroken } from './access.js';
import { bookings } from './schema.js';
import { shortBreaksServices } from './service.js';
import { aShortBreaksCarer, aStay, someNightsFree } from './testing.js';
import { TAKEN } from './words.js';

const today = todayInUk();
const day = (n: number) => addDays(today, n);

/** What the database says to an insert: 'ok', or the SQLSTATE and constraint that refused it. */
async function attempt(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    const broken = constraintBroken(error);
    return broken ? `${broken.code} ${broken.constraint ?? ''}`.trim() : String(error);
  }
}

describe('short breaks in the database', () => {
  let db: Database;
  let schemeId = '';
  let otherSchemeId = '';
  const actors = new Map<Role | 'other carer' | 'other scheme', Actor>();
  let carer: Awaited<ReturnType<typeof aShortBreaksCarer>>;
  let otherCarer: Awaited<ReturnType<typeof aShortBreaksCarer>>;
  let person: Awaited<ReturnType<typeof aPerson>>;
  let otherPerson: Awaited<ReturnType<typeof aPerson>>;

  const actorFor = async (role: Role, scheme = schemeId) => {
    const user = await aUser(db, { role, schemeId: scheme });
    return { userId: user.id, schemeId: scheme, role, name: user.name } satisfies Actor;
  };

  beforeAll(async () => {
    db = await testDatabase();
    schemeId = (await aScheme(db)).id;
    otherSchemeId = (await aScheme(db)).id;
    for (const role of ['scheme_worker', 'scheme_manager', 'carer', 'person', 'circle_member', 'panel_member'] as const)
      actors.set(role, await actorFor(role));
    actors.set('other carer', await actorFor('carer'));
    actors.set('other scheme', await actorFor('scheme_manager', otherSchemeId));
    carer = await aShortBreaksCarer(db, { schemeId, userId: actors.get('carer')!.userId, name: 'Cara Host', rooms: 2 });
    otherCarer = await aShortBreaksCarer(db, { schemeId, userId: actors.get('other carer')!.userId, name: 'Otis Host' });
    person = await aPerson(db, { schemeId, status: 'supported', userId: actors.get('person')!.userId, name: 'Pat Guest' });
    otherPerson = await aPerson(db, { schemeId, status: 'supported', name: 'Quinn Guest' });
    await aCircleMember(db, person, { userId: actors.get('circle_member')!.userId, consents: ['daily_notes'] });
  });
  afterAll(async () => db.close());

  describe('exclusion constraints', () => {
    it('refuses the same room on overlapping nights, and allows another room or the next nights', async () => {
      await aStay(db, carer, person, { from: day(100), to: day(103) }, 1);
      expect(await attempt(() => aStay(db, carer, otherPerson, { from: day(102), to: day(104) }, 1))).toBe(
        '23P01 short_break_bookings_room_free',
      );
      expect(await attempt(() => aStay(db, carer, otherPerson, { from: day(102), to: day(104) }, 2))).toBe('ok');
      expect(await attempt(() => aStay(db, otherCarer, otherPerson, { from: day(104), to: day(106) }, 1))).toBe('ok');
    });

    it('refuses the same person on overlapping nights, wherever they stay', async () => {
      await aStay(db, carer, person, { from: day(110), to: day(112) }, 1);
      expect(await attempt(() => aStay(db, otherCarer, person, { from: day(111), to: day(113) }, 1))).toBe(
        '23P01 short_break_bookings_person_nights_free',
      );
    });

    it('refuses the same person in overlapping sessions', async () => {
      const at = (h: number) => new Date(`${day(120)}T${String(h).padStart(2, '0')}:00:00Z`);
      const session = (from: number, to: number, host = carer) =>
        db.owner
          .insert(bookings)
          .values({ schemeId, carerId: host.id, personId: person.id, kind: 'day_support', hours: { from: at(from), to: at(to) } });
      expect(await attempt(() => session(9, 12))).toBe('ok');
      expect(await attempt(() => session(11, 14, otherCarer))).toBe('23P01 short_break_bookings_person_sessions_free');
      expect(await attempt(() => session(12, 15, otherCarer))).toBe('ok');
    });

    it('lets cancelled bookings go, and keeps them', async () => {
      const stay = await aStay(db, carer, otherPerson, { from: day(130), to: day(132) }, 1);
      await db.owner
        .update(bookings)
        .set({ status: 'cancelled', cancelledAt: new Date(), cancelReason: 'Unwell' })
        .where(eq(bookings.id, stay.id));
      expect(await attempt(() => aStay(db, carer, person, { from: day(130), to: day(132) }, 1))).toBe('ok');
    });

    it('refuses a booking of the wrong shape, or a cancellation without a reason', async () => {
      expect(
        await attempt(() =>
          db.owner
            .insert(bookings)
            .values({ schemeId, carerId: carer.id, personId: person.id, kind: 'short_breaks', nights: { from: day(140), to: day(141) } }),
        ),
      ).toBe('23514 short_break_bookings_shape');
      expect(
        await attempt(() =>
          db.owner.insert(bookings).values({
            schemeId,
            carerId: carer.id,
            personId: person.id,
            kind: 'short_breaks',
            nights: { from: day(140), to: day(141) },
            room: 1,
            status: 'cancelled',
            cancelledAt: new Date(),
          }),
        ),
      ).toBe('23514 short_break_bookings_cancelled');
    });
  });

  describe('who sees bookings (row-level security)', () => {
    const seen = async (who: Role | 'other carer' | 'other scheme') =>
      new Set(
        (
          await db.inScope(actors.get(who)!, (tx) => tx.select({ personId: bookings.personId, carerId: bookings.carerId }).from(bookings))
        ).map((b) => `${b.carerId}:${b.personId}`),
      );

    it('lets staff see every booking of their scheme, and another scheme none', async () => {
      expect((await seen('scheme_worker')).size).toBeGreaterThanOrEqual(3);
      expect((await seen('other scheme')).size).toBe(0);
    });

    it('lets a carer see the bookings at their home and no one else’s', async () => {
      expect([...(await seen('carer'))].every((pair) => pair.startsWith(carer.id))).toBe(true);
      expect([...(await seen('other carer'))].every((pair) => pair.startsWith(otherCarer.id))).toBe(true);
      expect((await seen('other carer')).size).toBeGreaterThan(0);
    });

    it('lets a person see their own bookings, and their consented circle too, and a panel member none', async () => {
      for (const who of ['person', 'circle_member'] as const) {
        const pairs = [...(await seen(who))];
        expect(pairs.length).toBeGreaterThan(0);
        expect(pairs.every((pair) => pair.endsWith(person.id))).toBe(true);
      }
      expect((await seen('panel_member')).size).toBe(0);
    });

    it('refuses a carer writing a booking, even at their own home', async () => {
      const result = await attempt(() =>
        db.inScope(actors.get('carer')!, (tx) =>
          tx.insert(bookings).values({
            schemeId,
            carerId: carer.id,
            personId: person.id,
            kind: 'short_breaks',
            nights: { from: day(150), to: day(151) },
            room: 1,
          }),
        ),
      );
      expect(result).toMatch(/row-level security|42501/);
    });
  });

  describe('booking through the service', () => {
    it('books within availability, and says clearly when the nights are taken', async () => {
      const services = shortBreaksServices(db);
      await someNightsFree(db, carer, { from: day(200), to: day(230) });
      const worker = actors.get('scheme_worker')!;
      const booked = await services.bookings.book(worker, {
        kind: 'short_breaks',
        carerId: carer.id,
        personId: person.id,
        nights: { from: day(201), to: day(204) },
        room: 1,
        notes: null,
      });
      expect(booked.id).toBeTruthy();
      await expect(
        services.bookings.book(worker, {
          kind: 'short_breaks',
          carerId: carer.id,
          personId: otherPerson.id,
          nights: { from: day(203), to: day(205) },
          room: 1,
          notes: null,
        }),
      ).rejects.toMatchObject({ field: 'arrive', message: TAKEN.nights });
      await expect(
        services.bookings.book(worker, {
          kind: 'short_breaks',
          carerId: carer.id,
          personId: otherPerson.id,
          nights: { from: day(228), to: day(232) },
          room: 2,
          notes: null,
        }),
      ).rejects.toThrow(/not said they are available/);
      await expect(
        services.bookings.book(worker, {
          kind: 'short_breaks',
          carerId: carer.id,
          personId: otherPerson.id,
          nights: { from: day(210), to: day(212) },
          room: 3,
          notes: null,
        }),
      ).rejects.toThrow(/Choose a room from 1 to 2/);
    });

    it('lets the person book only when the scheme allows it', async () => {
      const services = shortBreaksServices(db);
      const me = actors.get('person')!;
      const stay = {
        kind: 'short_breaks' as const,
        carerId: carer.id,
        personId: person.id,
        nights: { from: day(215), to: day(216) },
        room: 2,
        notes: null,
      };
      await expect(services.bookings.book(me, stay)).rejects.toMatchObject({ statusCode: 403 });
      await services.availability.saveSettings(actors.get('scheme_manager')!, { peopleMayBook: true, respiteNights: 28 });
      expect((await services.bookings.book(me, stay)).id).toBeTruthy();
      await expect(
        services.bookings.book(me, { ...stay, personId: otherPerson.id, nights: { from: day(217), to: day(218) } }),
      ).rejects.toMatchObject({ statusCode: 403 });
      await services.availability.saveSettings(actors.get('scheme_manager')!, { peopleMayBook: false, respiteNights: 28 });
    });

    it('has exactly one of two racing bookings win', async () => {
      const services = shortBreaksServices(db);
      const worker = actors.get('scheme_worker')!;
      const race = (who: string) =>
        services.bookings.book(worker, {
          kind: 'short_breaks',
          carerId: carer.id,
          personId: who,
          nights: { from: day(220), to: day(223) },
          room: 1,
          notes: null,
        });
      const results = await Promise.allSettled([race(person.id), race(otherPerson.id)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(InputProblem);
      expect(lost.reason.message).toBe(TAKEN.nights);
    });
  });

  describe.skipIf(!testServerUrl())('two connections racing on a PostgreSQL server', () => {
    it('makes the second wait for the first, then refuses it', async () => {
      const worker = actors.get('scheme_worker')!;
      const nights = { from: day(300), to: day(302) };
      let firstInserted!: () => void;
      const inserted = new Promise<void>((resolve) => {
        firstInserted = resolve;
      });
      const order: string[] = [];
      const first = db.inScope(worker, async (tx) => {
        await tx.insert(bookings).values({ schemeId, carerId: carer.id, personId: person.id, kind: 'short_breaks', nights, room: 1 });
        firstInserted();
        await new Promise((resolve) => setTimeout(resolve, 400));
        order.push('first commits');
      });
      await inserted;
      const second = attempt(() =>
        db.inScope(worker, async (tx) => {
          await tx
            .insert(bookings)
            .values({ schemeId, carerId: carer.id, personId: otherPerson.id, kind: 'short_breaks', nights, room: 1 });
          order.push('second inserted');
        }),
      );
      await first;
      expect(await second).toBe('23P01 short_break_bookings_room_free');
      expect(order).toEqual(['first commits']);
    });
  });
});
