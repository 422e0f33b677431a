import type {
  arrangementReviews,
  reviewActions,
  reviewCarerViews,
  reviewPersonViews,
  reviewPrivateNotes,
  reviewRatings,
} from '../reviews/schema.js';
import { DEFAULT_REVIEW_SETTINGS, reviewSchedule, type Contact } from '../reviews/schedule.js';
import { QUESTIONS, WELLBEING_AREAS, type Answer, type QuestionKey, type WellbeingArea } from '../reviews/words.js';
import { addDays, addMonths } from '../platform/dates.js';
import type { DemoData } from './generate.js';
import { childId } from './ids.js';
import { Random } from './random.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Reviews' rows for the demo, in the order they are loaded. */
export interface DemoReviews {
  reviews: Insert<typeof arrangementReviews>[];
  personViews: Insert<typeof reviewPersonViews>[];
  carerViews: Insert<typeof reviewCarerViews>[];
  ratings: Insert<typeof reviewRatings>[];
  actions: Insert<typeof reviewActions>[];
  privateNotes: Insert<typeof reviewPrivateNotes>[];
}

export const emptyReviews = (): DemoReviews => ({
  reviews: [],
  personViews: [],
  carerViews: [],
  ratings: [],
  actions: [],
  privateNotes: [],
});

const VISIT_NOTES = [
  'Settling in well. Talked about the week ahead and the bus to the day centre.',
  'All well. We looked at photos from the weekend at the coast.',
  'A bit tired after a cold, otherwise happy. Carer managing well.',
  'Good visit. Planning a trip to see family next month.',
  'Things are calm. The new routine in the mornings is working.',
];
const SUMMARIES = [
  'Things are going well. The person feels at home and enjoys the household’s routines.',
  'A good year overall, with more time out in the community. Some worries about money to follow up.',
  'Settled and happy. Would like to see family more often and try a new activity.',
  'Mostly going well; a difficult few weeks in the winter have passed. The carer would like a short break.',
];
const ACTIONS = [
  ['Look into a swimming club nearby', 'The carer'],
  ['Check benefits are right', 'The scheme worker'],
  ['Plan a visit to family', 'The person and the carer'],
  ['Book a short break for the carer', 'The scheme worker'],
  ['Find a Thursday art class', 'The person, with the carer'],
  ['Ask the GP about a health check', 'The carer'],
] as const;
const CARER_WORDS = {
  goingWell: [
    'Settled into the family, loves our Sunday walks.',
    'More confident going out on their own.',
    'Getting on well with everyone at home.',
  ],
  notGoingWell: ['Mornings can be hard.', 'Missed their friends over the holidays.', null],
  supportNeeded: ['A short break in the summer.', 'Training on the new medication.', null],
};

/** Which wellbeing area each of the person's questions is closest to, so their answers follow the ratings. */
const QUESTION_AREAS: Record<QuestionKey, WellbeingArea> = {
  carer: 'relationships',
  home: 'accommodation',
  safe: 'protection',
  choices: 'control',
  health: 'health',
  doing: 'participation',
  people: 'relationships',
};
const answerFor = (rating: number): Answer => (rating >= 4 ? 'happy' : rating === 3 ? 'ok' : 'not_happy');
const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n)));

/**
 * Visits and reviews for every live arrangement, following the default schedule up to the demo's
 * day: most are up to date, every third is behind (its latest visit or review overdue), and
 * the longest-running have several reviews whose wellbeing ratings drift up or down over time.
 * Arrangements of person sign-ins get an open review to answer.
 */
export function addReviews(data: DemoData, today: string, seed: number) {
  const out = data.reviews;
  const names = new Map(data.users.map((u) => [u.id, u.name]));
  const signedIn = new Set(data.people.people.filter((p) => p.userId).map((p) => p.id));
  const showcase = data.schemes[0]?.id;
  data.arrangements.arrangements
    .filter((a) => a.status !== 'ended')
    .forEach((arrangement, index) => {
      const random = new Random(seed * 31_337 + index);
      const { id: arrangementId, schemeId, startsOn } = arrangement;
      const worker = arrangement.workerUserId ? (names.get(arrangement.workerUserId) ?? null) : null;
      const base = Object.fromEntries(WELLBEING_AREAS.map((a) => [a, random.int(2, 4)])) as Record<WellbeingArea, number>;
      const drift = random.weighted([
        [0.8, 6],
        [0, 3],
        [-0.7, 2],
      ] as const);
      const held = heldContacts(startsOn, today, random, index % 3 === 1 ? 'behind' : index % 3 === 2 ? 'due soon' : 'up to date');
      // Elsewhere (national scale, for benchmarks) only the latest two, which are all "What is due" needs.
      const kept = schemeId === showcase ? held : held.slice(-2);
      let reviewsDone = held.slice(0, held.length - kept.length).filter((c) => c.kind === 'review').length;
      for (const [n, { kind, on }] of kept.entries()) {
        const id = childId(arrangementId, 'arrangement review', n);
        const completedAt = new Date(`${on}T15:00:00Z`);
        if (kind === 'visit') {
          out.reviews.push({
            id,
            schemeId,
            arrangementId,
            kind: 'visit',
            heldOn: on,
            note: random.pick(VISIT_NOTES),
            completedAt,
            completedByName: worker ?? 'Scheme worker',
            createdByUserId: arrangement.workerUserId ?? null,
          });
          continue;
        }
        const ratings = Object.fromEntries(
          WELLBEING_AREAS.map((a) => [a, clamp(base[a] + drift * reviewsDone + (random.next() - 0.5))]),
        ) as Record<WellbeingArea, number>;
        reviewsDone++;
        out.reviews.push({
          id,
          schemeId,
          arrangementId,
          kind: 'review',
          heldOn: on,
          summary: random.pick(SUMMARIES),
          completedAt,
          completedByName: worker ?? 'Scheme worker',
          createdByUserId: arrangement.workerUserId ?? null,
        });
        out.ratings.push(...WELLBEING_AREAS.map((area) => ({ reviewId: id, schemeId, area, rating: ratings[area] })));
        const supported = random.chance(0.5);
        out.personViews.push({
          reviewId: id,
          schemeId,
          answers: Object.fromEntries(QUESTIONS.map((q) => [q.key, answerFor(ratings[QUESTION_AREAS[q.key]])])),
          anythingElse: random.chance(0.4)
            ? random.pick(['I want to go to the seaside.', 'I like my room.', 'I want to see my brother more.'])
            : null,
          answeredBy: supported ? 'with_support' : 'themselves',
          supportFrom: supported ? random.pick(['Their advocate', 'Their sister', 'Their carer']) : null,
          finishedAt: completedAt,
          recordedByName: worker ?? 'Scheme worker',
        });
        out.carerViews.push({
          reviewId: id,
          schemeId,
          goingWell: random.pick(CARER_WORDS.goingWell),
          notGoingWell: random.pick(CARER_WORDS.notGoingWell),
          supportNeeded: random.pick(CARER_WORDS.supportNeeded),
        });
        random
          .some(ACTIONS, 0.3, 1)
          .slice(0, 3)
          .forEach(([action, who], position) => {
            out.actions.push({
              id: childId(id, 'review action', position),
              reviewId: id,
              schemeId,
              position,
              action,
              who,
              byWhen: addDays(on, 30 + 30 * position),
            });
          });
        if (random.chance(0.2))
          out.privateNotes.push({ reviewId: id, schemeId, note: 'The carer mentioned feeling stretched; offer a support session.' });
      }
      if (signedIn.has(arrangement.personId)) {
        out.reviews.push({
          id: childId(arrangementId, 'arrangement review', 40),
          schemeId,
          arrangementId,
          kind: 'review',
          heldOn: addDays(today, 10),
          createdByUserId: arrangement.workerUserId ?? null,
        });
      }
    });
}

/**
 * The visits and reviews held, on the default schedule, each a few days either side of its date.
 * 'behind' leaves out the last one held (so it is overdue now); 'due soon' moves the last review so
 * the next falls due within 30 days.
 */
function heldContacts(startsOn: string, today: string, random: Random, pace: 'up to date' | 'behind' | 'due soon'): Contact[] {
  const held: Contact[] = [];
  for (let n = 0; n < 40; n++) {
    const { visit, review } = reviewSchedule(DEFAULT_REVIEW_SETTINGS, startsOn, held, today);
    const next = visit && visit.dueOn < review.dueOn ? visit : review;
    if (next.dueOn >= today) break;
    const on = [addDays(next.dueOn, random.int(-4, 6)), addDays(today, -1)].sort()[0]!;
    held.push({ kind: next.kind, on: on < startsOn ? startsOn : on });
  }
  if (pace === 'behind') held.pop();
  const last = held.at(-1);
  const soon = addDays(addMonths(today, -DEFAULT_REVIEW_SETTINGS.reviewEveryMonths), random.int(2, 25));
  if (pace === 'due soon' && last?.kind === 'review' && soon > (held.at(-2)?.on ?? startsOn)) last.on = soon;
  return held;
}
