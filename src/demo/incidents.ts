import { needsAttention, notificationAdvice, type IncidentKind, type NotifiableCategory, type Severity } from '../incidents/rules.js';
import type { incidentFollowUps, incidents } from '../incidents/schema.js';
import type { GeneratedNotes } from '../notes/generated.js';
import { addDays } from '../platform/dates.js';
import type { DemoData } from './generate.js';
import { childId } from './ids.js';
import { Random } from './random.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Daily notes (made by the database, see notes/generated.ts: only how many is decided here) and incidents. */
export interface DemoLivingTogether {
  notes: Omit<GeneratedNotes, 'today' | 'arrangementIds'>;
  incidents: Insert<typeof incidents>[];
  followUps: Insert<typeof incidentFollowUps>[];
}

/** Months of notes for every live arrangement in the small demo; at national scale a few weeks, to keep loading fast. */
export const emptyLivingTogether = (scale: 'small' | 'national'): DemoLivingTogether => ({
  notes: scale === 'small' ? { perArrangement: 48, everyDays: 2 } : { perArrangement: 6, everyDays: 4 },
  incidents: [],
  followUps: [],
});

interface Story {
  kind: IncidentKind;
  severity: Severity;
  categories: NotifiableCategory[];
  daysAgo: number;
  place: string;
  what: string;
  who: string;
  action: string;
  /** Notified CQC (when notifiable), acted on, closed. */
  done: { notified: boolean; dealt: boolean; closed: string | null };
}

const STORIES: readonly Story[] = [
  {
    kind: 'incident',
    severity: 'low',
    categories: [],
    daysAgo: 40,
    place: 'At home, in the hallway',
    what: 'Tripped on the edge of the rug. No injury.',
    who: 'The person; the carer saw it',
    action: 'Checked for injury; moved the rug',
    done: { notified: false, dealt: false, closed: 'Rug removed. No further trips.' },
  },
  {
    kind: 'incident',
    severity: 'medium',
    categories: [],
    daysAgo: 25,
    place: 'At the day centre',
    what: 'Burnt a finger on the kettle making tea.',
    who: 'The person and day centre staff',
    action: 'Cool water for twenty minutes; a plaster',
    done: { notified: false, dealt: false, closed: null },
  },
  {
    kind: 'incident',
    severity: 'high',
    categories: [],
    daysAgo: 12,
    place: 'In town, at the bus station',
    what: 'Got on the wrong bus and was lost for two hours. Phoned the carer from a shop.',
    who: 'The person; a shop worker who helped',
    action: 'Carer drove to collect them; talked through the route again',
    done: { notified: false, dealt: false, closed: null },
  },
  {
    kind: 'incident',
    severity: 'serious',
    categories: ['serious_injury'],
    daysAgo: 60,
    place: 'At home, on the stairs',
    what: 'Fell down the last few stairs and broke a wrist.',
    who: 'The person; the carer heard the fall',
    action: 'Called 999; went to hospital with them',
    done: { notified: true, dealt: true, closed: 'Wrist healed. Stair rail fitted; moving-about plan updated.' },
  },
  {
    kind: 'safeguarding',
    severity: 'high',
    categories: ['abuse'],
    daysAgo: 18,
    place: 'At a friend’s house',
    what: 'Said a friend keeps asking to borrow money and got angry when told no.',
    who: 'The person and a friend',
    action: 'Listened, reassured them, told the scheme worker the same day',
    done: { notified: true, dealt: true, closed: null },
  },
  {
    kind: 'incident',
    severity: 'serious',
    categories: ['police'],
    daysAgo: 3,
    place: 'In the park near home',
    what: 'A stranger took their phone. The police came and took a statement.',
    who: 'The person; two police officers',
    action: 'Brought them home, reported it to the police, cancelled the phone contract',
    done: { notified: false, dealt: false, closed: null },
  },
];

/**
 * A few incidents of each severity in each showcase scheme (Northbrook and Eastmere), on live
 * arrangements: some closed, one serious incident waiting for CQC to be told (Northbrook's newest).
 */
export function addLivingTogether(data: DemoData, today: string, seed: number) {
  const random = new Random(seed * 31_337);
  data.schemes.slice(0, 2).forEach((scheme) => {
    const live = data.arrangements.arrangements.filter(
      (a) => a.schemeId === scheme.id && a.status !== 'ended' && a.startsOn < addDays(today, -70),
    );
    if (!live.length) return;
    const workers = new Map(data.users.map((u) => [u.id, u.name]));
    STORIES.forEach((story, n) => {
      const arrangement = live[(n + random.int(0, live.length - 1)) % live.length]!;
      const id = childId(arrangement.id, 'incident', n);
      const on = addDays(today, -story.daysAgo);
      const staff = arrangement.workerUserId ? (workers.get(arrangement.workerUserId) ?? 'The scheme worker') : 'The scheme manager';
      const notifiable = notificationAdvice(story).needed;
      const at = (days: number) => new Date(`${addDays(on, days)}T16:00:00Z`);
      data.livingTogether.incidents.push({
        id,
        schemeId: scheme.id,
        arrangementId: arrangement.id,
        kind: story.kind,
        severity: story.severity,
        occurredAt: new Date(`${on}T${10 + n}:15:00Z`),
        place: story.place,
        whatHappened: story.what,
        whoInvolved: story.who,
        immediateAction: story.action,
        categories: story.categories,
        notifiable,
        needsAttention: needsAttention(story),
        recordedByName: 'Their Shared Lives carer',
        recordedAt: at(0),
        ...(notifiable && story.done.notified
          ? {
              notifiedOn: addDays(on, 1),
              notifiedHow: 'online' as const,
              notificationReference: `CQC-${100_000 + random.int(0, 899_999)}`,
              notificationRecordedByName: staff,
            }
          : {}),
        ...(story.done.dealt
          ? {
              dealtAt: at(1),
              dealtByName: staff,
              whatWasDone: 'Visited the next day; talked it through with the person and the carer; updated the risk assessment.',
            }
          : {}),
        ...(story.done.closed ? { closedAt: at(14), closedByName: staff, outcome: story.done.closed } : {}),
      });
      if (story.done.dealt || story.done.closed) {
        data.livingTogether.followUps.push({
          id: childId(id, 'follow-up', 0),
          schemeId: scheme.id,
          incidentId: id,
          note: 'Visited and talked it through. Everyone agreed what to do next.',
          byName: staff,
          at: at(2),
        });
      }
    });
  });
}
