import type { supportPlanMessages, supportPlanProposals, supportPlans, supportPlanVersions } from '../support-plans/schema.js';
import { changedSections, type PlanContent, type PlanSection } from '../support-plans/plan.js';
import { addDays } from '../platform/dates.js';
import type { DemoData } from './generate.js';
import { childId } from './ids.js';
import { Random } from './random.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Support plans' rows for the demo, in the order they are loaded. */
export interface DemoSupportPlans {
  plans: (Insert<typeof supportPlans> & { id: string })[];
  versions: Insert<typeof supportPlanVersions>[];
  proposals: (Insert<typeof supportPlanProposals> & { id: string })[];
  messages: Insert<typeof supportPlanMessages>[];
}

export const emptySupportPlans = (): DemoSupportPlans => ({ plans: [], versions: [], proposals: [], messages: [] });

const GOALS = [
  'I want to go swimming every week.',
  'I want to cook a meal for my family.',
  'I want to get a job in a café.',
  'I want to go to the football with friends.',
  'I want to get the bus to town on my own.',
  'I want to grow vegetables in the garden.',
  'I want to see my brother every month.',
  'I want to go to college.',
  'I want to learn to use my phone for video calls.',
  'I want to go on holiday to the seaside.',
];
const DAILY = [
  'A calm start to the day, with time to get ready.',
  'Remind me to take my tablets with breakfast.',
  'Help me plan my week every Sunday.',
  'Let me choose what we eat.',
  'Tell me before plans change.',
  'Give me time on my own in my room after tea.',
  'Help me count my money when I go shopping.',
  'Knock before you come into my room.',
];
const ROUTINES = [
  'Breakfast at eight.',
  'Tea at six.',
  'Bed by ten on weeknights.',
  'Church on Sunday mornings.',
  'Swimming on Tuesday evenings.',
  'The day centre on Mondays and Thursdays.',
  'A phone call with Mum on Sundays.',
  'Shopping on Saturday mornings.',
];
const CHANGES: { section: PlanSection; line: string; reason: string }[] = [
  { section: 'goals', line: 'I want to join the walking group.', reason: 'Added at the six-week review, in their words' },
  { section: 'routines', line: 'Art class on Wednesday afternoons.', reason: 'They started an art class' },
  {
    section: 'dailySupport',
    line: 'Help me get ready for appointments the night before.',
    reason: 'Agreed with the carer after a missed appointment',
  },
  { section: 'goals', line: 'I want to volunteer at the charity shop.', reason: 'They asked to add this at a monthly visit' },
];
const PROPOSALS: Record<'person' | 'circle_member' | 'carer', { section: PlanSection; kind: 'change' | 'comment'; words: string }[]> = {
  person: [
    { section: 'routines', kind: 'change', words: 'I want tea at seven on Fridays, not six.' },
    { section: 'goals', kind: 'change', words: 'I want to go to the cinema with my friend Sam.' },
  ],
  circle_member: [{ section: 'importantPeople', kind: 'change', words: 'Please add her cousin Priya, who visits every month now.' }],
  carer: [
    {
      section: 'dailySupport',
      kind: 'change',
      words: 'Mornings go better when breakfast is after the shower, not before. Can we change the plan to say so?',
    },
    { section: 'routines', kind: 'comment', words: 'The swimming moved to Thursdays from next month.' },
  ],
};

const lines = (random: Random, from: readonly string[], min: number, max: number) => random.some(from, 0.3, min).slice(0, max).join('\n');

/**
 * A support plan for every live arrangement: the first version written a few days after it
 * started, from the person's recorded risks, medication and circle; some with a second and third
 * version. In the small demo's first scheme, a few open proposals: by the person in the fixed
 * carer sign-in's arrangement, and by that carer; one by someone in a circle of support.
 */
export function addSupportPlans(data: DemoData, today: string, seed: number) {
  const out = data.supportPlans;
  const random = new Random(seed * 7_919 + 5);
  const usersById = new Map(data.users.map((u) => [u.id, u.name]));
  const peopleById = new Map(data.people.people.map((p) => [p.id!, p]));
  const risksOf = group(data.people.risks, (r) => r.personId);
  const circleOf = group(data.people.circleMembers, (c) => c.personId);
  const medicationOf = new Map(data.people.summaries.map((s) => [s.personId, s.medication ?? '']));
  const planConsents = new Set(data.people.consents.filter((c) => c.area === 'support_plan').map((c) => c.circleMemberId));
  const fixedCarerUser = data.users.find((u) => u.email === 'carer@demo.hearth.example')?.id;
  const carersById = new Map(data.carers.carers.map((c) => [c.id!, c]));
  const showcase = data.schemes[0]?.id;
  const proposedBy = new Set<string>();

  for (const arrangement of data.arrangements.arrangements) {
    if (arrangement.status === 'ended') continue;
    const person = peopleById.get(arrangement.personId)!;
    const workerName = arrangement.workerUserId ? (usersById.get(arrangement.workerUserId) ?? null) : null;
    const id = childId(arrangement.id, 'support plan', 0);
    const circle = (circleOf.get(person.id!) ?? []).filter((c) => !c.endedAt);
    const first: PlanContent = {
      goals: lines(random, GOALS, 2, 3),
      dailySupport: lines(random, DAILY, 2, 4),
      risks: (risksOf.get(person.id!) ?? []).map((r) => ({ risk: r.risk, steps: r.positiveSteps })),
      medication: medicationOf.get(person.id!) || 'None',
      importantPeople: circle.length
        ? circle.map((c) => `${c.name} (${c.relationshipDetail ?? c.relationship.replace('_', ' ')})`).join('\n')
        : 'Friends at the day centre.',
      routines: lines(random, ROUTINES, 2, 3),
    };
    const contents = [first];
    const extra = random.chance(0.3) ? 2 : random.chance(0.45) ? 1 : 0;
    const changes = random.some(CHANGES, 0.5, extra).slice(0, extra);
    for (const change of changes) {
      const before = contents.at(-1)!;
      contents.push({ ...before, [change.section]: `${before[change.section as Exclude<PlanSection, 'risks'>]}\n${change.line}` });
    }
    const started = arrangement.startsOn < today ? arrangement.startsOn : today;
    const span = Math.max(1, Math.floor((Date.parse(today) - Date.parse(started)) / 86_400_000));
    contents.forEach((content, n) => {
      const on =
        n === 0 ? addDays(started, Math.min(3, span)) : addDays(started, Math.min(span, Math.round((span * n) / contents.length) + 3));
      out.versions.push({
        id: childId(id, 'support plan version', n),
        schemeId: arrangement.schemeId,
        planId: id,
        version: n + 1,
        ...content,
        changedSections: n ? changedSections(contents[n - 1]!, content) : [],
        reason: n ? changes[n - 1]!.reason : `Written with ${person.name} when the arrangement started`,
        byUserId: arrangement.workerUserId ?? null,
        byName: workerName ?? 'Demo data',
        createdAt: new Date(`${on <= today ? on : today}T14:00:00Z`),
      });
    });
    out.plans.push({
      id,
      schemeId: arrangement.schemeId,
      arrangementId: arrangement.id,
      version: contents.length,
      createdAt: new Date(`${started}T14:00:00Z`),
    });

    if (arrangement.schemeId !== showcase) continue;
    const carerUser = carersById.get(arrangement.carerId)?.userId ?? null;
    const propose = (role: 'person' | 'circle_member' | 'carer', userId: string, name: string, n: number) => {
      const idea = PROPOSALS[role][n % PROPOSALS[role].length]!;
      const proposalId = childId(id, 'support plan proposal', out.proposals.filter((p) => p.planId === id).length);
      out.proposals.push({
        id: proposalId,
        schemeId: arrangement.schemeId,
        planId: id,
        ...idea,
        proposedText: null,
        onVersion: contents.length,
        status: 'open',
        authorUserId: userId,
        authorName: name,
        authorRole: role,
        createdAt: new Date(`${addDays(today, -(n + 2))}T18:30:00Z`),
      });
      proposedBy.add(`${role}:${userId}`);
      return proposalId;
    };
    if (carerUser && carerUser === fixedCarerUser && !proposedBy.has(`carer:${carerUser}`))
      propose('carer', carerUser, usersById.get(carerUser) ?? 'Carer', 0);
    if (person.userId && !proposedBy.has(`person:${person.userId}`) && (carerUser === fixedCarerUser || proposedBy.size < 4)) {
      const proposalId = propose('person', person.userId, person.name, proposedBy.size);
      if (arrangement.workerUserId) {
        out.proposals.at(-1)!.status = 'discussing';
        out.messages.push({
          id: childId(id, 'support plan message', out.proposals.filter((p) => p.planId === id).length - 1),
          schemeId: arrangement.schemeId,
          proposalId,
          words: 'Thank you. Shall we talk about it when I visit on Thursday?',
          authorUserId: arrangement.workerUserId,
          authorName: workerName ?? 'Scheme worker',
          authorAs: 'Scheme worker',
          createdAt: new Date(`${addDays(today, -1)}T09:15:00Z`),
        });
      }
    }
    const member = circle.find((c) => c.userId && planConsents.has(c.id!) && !proposedBy.has(`circle_member:${c.userId}`));
    if (member && proposedBy.size < 6) propose('circle_member', member.userId!, member.name, 0);
  }
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
