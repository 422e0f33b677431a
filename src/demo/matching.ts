import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { carers } from '../carers/schema.js';
import { shortlistInPool } from '../matching/engine/index.js';
import { matchProposals } from '../matching/schema.js';
import { matchingService } from '../matching/service.js';
import { schemePool } from '../matching/store.js';
import { people } from '../people/schema.js';
import { addDays } from '../platform/dates.js';
import type { DemoData } from './generate.js';
import { DEMO_SIGN_INS } from './sign-ins.js';

/**
 * Proposals and introductions in the showcase scheme, made through the matching service itself (so
 * they keep its rules and are audited), by the demo worker, recording answers as if with each side:
 * - the fixed person sign-in has two proposals: the fixed carer sign-in said yes and waits for them;
 *   another carer has not answered yet;
 * - everyone in introductions is part-way through their steps with a suitable carer, one agreed;
 * - one waiting person said no to a carer.
 * Runs once: a scheme that already has proposals is left alone. Returns how many proposals it made.
 */
export async function addDemoMatching(db: Database, data: DemoData, today: string): Promise<number> {
  const userId = (role: string) => data.users.find((u) => u.email === DEMO_SIGN_INS.find((s) => s.role === role)!.email)?.id;
  const personUserId = userId('person');
  const workerUserId = userId('scheme_worker');
  if (!personUserId || !workerUserId) return 0;
  const [fixed] = await db.owner.select({ id: people.id, schemeId: people.schemeId }).from(people).where(eq(people.userId, personUserId));
  if (!fixed) return 0;
  const [already] = await db.owner
    .select({ id: matchProposals.id })
    .from(matchProposals)
    .where(eq(matchProposals.schemeId, fixed.schemeId))
    .limit(1);
  if (already) return 0;
  const [fixedCarer] = await db.owner
    .select({ id: carers.id })
    .from(carers)
    .where(and(eq(carers.schemeId, fixed.schemeId), eq(carers.userId, userId('carer') ?? sql`null`)));
  const worker: Actor = { userId: workerUserId, schemeId: fixed.schemeId, role: 'scheme_worker', name: 'Demo worker' };
  const matching = matchingService(db, () => today);
  const inIntroductions = await db.owner
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.schemeId, fixed.schemeId), inArray(people.status, ['introductions', 'waiting'])))
    .orderBy(asc(people.id));
  const statuses = new Map(
    (await db.owner.select({ id: people.id, status: people.status }).from(people).where(eq(people.schemeId, fixed.schemeId))).map((p) => [
      p.id,
      p.status,
    ]),
  );

  // Each person's suitable carers, best first, from the engine over the scheme's own records.
  const shortlists = await db.inScope(worker, async (tx) => {
    const { pool } = await schemePool(tx, today);
    return new Map(pool.people.map((p, i) => [p.id, shortlistInPool(pool, i).suitable.map((s) => s.carerId)]));
  });
  const used = new Map<string, number>();
  const pick = (personId: string, not: string[] = []) => {
    const carerId = (shortlists.get(personId) ?? []).find((id) => !not.includes(id) && (used.get(id) ?? 0) < 2);
    if (carerId) used.set(carerId, (used.get(carerId) ?? 0) + 1);
    return carerId;
  };
  let made = 0;
  const propose = async (personId: string, carerId: string, note: string) => {
    made++;
    return (
      await matching.propose(worker, { personId, carerIds: [carerId], shares: ['profile', 'matching'], note, noteView: 'hopeful' })
    )[0]!;
  };

  // The fixed person: the fixed carer said yes; a second carer has not answered.
  const fixedList = shortlists.get(fixed.id) ?? [];
  const first = fixedCarer && fixedList.includes(fixedCarer.id) ? fixedCarer.id : pick(fixed.id);
  if (first) {
    used.set(first, (used.get(first) ?? 0) + 1);
    const id = await propose(fixed.id, first, 'Both love animals; a calm home near her sister.');
    await matching.answer(worker, id, { side: 'carer', answer: 'yes', words: 'We would love to meet her.' });
    const second = pick(fixed.id, [first]);
    if (second) await propose(fixed.id, second, 'Close to her day centre.');
  }

  // People in introductions: part-way through the steps, each at a different one; the first is agreed.
  let step = 0;
  for (const { id: personId } of inIntroductions.filter((p) => statuses.get(p.id) === 'introductions')) {
    const carerId = pick(personId);
    if (!carerId) continue;
    const id = await propose(personId, carerId, 'Shared interests and close by.');
    await matching.answer(worker, id, { side: 'person', answer: 'yes', words: null });
    await matching.answer(worker, id, { side: 'carer', answer: 'yes', words: null });
    const done = step === 0 ? 4 : step % 4;
    for (let position = 1; position <= Math.min(4, done + 1); position++) {
      const past = position <= done;
      await matching.date(worker, id, position, addDays(today, past ? -28 + position * 6 : 5));
      if (!past) break;
      await matching.goOn(worker, id, position, { side: 'person', goOn: true, words: position === 2 ? 'I liked the garden.' : null });
      await matching.goOn(worker, id, position, { side: 'carer', goOn: true, words: null });
    }
    if (done === 4) await matching.agree(worker, id, { startsOn: addDays(today, 14) });
    step++;
  }

  // A waiting person who said no to a carer: the pair is never suggested again.
  const waiting = inIntroductions.find(
    (p) => statuses.get(p.id) === 'waiting' && p.id !== fixed.id && (shortlists.get(p.id)?.length ?? 0) > 0,
  );
  if (waiting) {
    const carerId = pick(waiting.id);
    if (carerId) {
      const id = await propose(waiting.id, carerId, 'Worth a try.');
      await matching.answer(worker, id, { side: 'person', answer: 'no', words: 'Too far from my friends.' });
    }
  }
  return made;
}
