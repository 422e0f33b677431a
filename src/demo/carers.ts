import type { Faker } from '@faker-js/faker';
import type { carerHomes, carerReviews, carers, carerStageChanges, householdMembers } from '../carers/schema.js';
import type { carerApprovals } from '../carers/approval-schema.js';
import type { checkRecords } from '../carers/checks/schema.js';
import type { approvalPanels, panelCases, panelMembers, panelViews } from '../panel/schema.js';
import type { PanelPapers } from '../panel/papers.js';
import { DEFAULT_CHECK_TYPES } from '../carers/checks/defaults.js';
import { expiryFor } from '../carers/checks/expiry.js';
import { requirementsFor, type CheckType } from '../carers/checks/requirements.js';
import { homeSummary, isAdult, type Home } from '../carers/household.js';
import { PIPELINE, type CarerStage } from '../carers/stages.js';
import { ARRANGEMENT_TYPES, NEEDS, type ApprovalTerms } from '../carers/terms.js';
import { addDays, addMonths, ageOn, type IsoDate } from '../platform/dates.js';
import { childId, demoId } from './ids.js';
import { Random } from './random.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type CheckRecordRow = Insert<typeof checkRecords> & {
  id: string;
  householdMemberId: string | null;
  expiresOn: IsoDate | null;
  outcome: 'satisfactory';
};

/** Carers' rows for the demo, table by table, in the order they are loaded. */
export interface DemoCarerData {
  checkTypes: (CheckType & { schemeId: string; position: number })[];
  carers: Insert<typeof carers>[];
  carerHomes: Insert<typeof carerHomes>[];
  householdMembers: Insert<typeof householdMembers>[];
  carerStageChanges: Insert<typeof carerStageChanges>[];
  approvalPanels: Insert<typeof approvalPanels>[];
  panelMembers: Insert<typeof panelMembers>[];
  panelCases: Insert<typeof panelCases>[];
  panelViews: Insert<typeof panelViews>[];
  carerApprovals: Insert<typeof carerApprovals>[];
  checkRecords: Insert<typeof checkRecords>[];
  carerReviews: Insert<typeof carerReviews>[];
}

export const emptyCarerData = (): DemoCarerData => ({
  checkTypes: [],
  carers: [],
  carerHomes: [],
  householdMembers: [],
  carerStageChanges: [],
  approvalPanels: [],
  panelMembers: [],
  panelCases: [],
  panelViews: [],
  carerApprovals: [],
  checkRecords: [],
  carerReviews: [],
});

export interface SchemeCarers {
  schemeId: string;
  /** Sign-ins with the carer role: each is an approved (or paused) carer. The first is the fixed demo sign-in, if any. */
  carerUsers: readonly { id: string; name: string; email: string }[];
  staff: readonly { id: string; name: string }[];
  panelMemberUserIds: readonly string[];
  /** Carers without a sign-in: on the way to approval, or withdrawn, declined or left. */
  extraStages: readonly CarerStage[];
  /** Northbrook: every stage, both panels with members' views, a carer sign-in with things due. */
  showcase: boolean;
  /** For postcodes and map positions. */
  postcodeArea: string;
  centre: readonly [number, number];
  areas: readonly string[];
  town: string;
}

const LANGUAGES = [
  'Polish',
  'Urdu',
  'Punjabi',
  'Bengali',
  'British Sign Language',
  'Gujarati',
  'Arabic',
  'Somali',
  'Welsh',
  'Romanian',
  'Portuguese',
  'Cantonese',
];
const FAITHS = ['Christian', 'Muslim', 'Hindu', 'Sikh', 'Jewish', 'Buddhist', 'No religion'];
const INTERESTS = [
  'gardening',
  'walking',
  'football',
  'baking',
  'music',
  'films',
  'crafts',
  'swimming',
  'fishing',
  'bingo',
  'church choir',
  'board games',
  'cycling',
  'photography',
  'dancing',
  'cooking',
  'animals',
  'allotment',
  'bowls',
  'singing',
];
const PETS = ['A dog', 'Two cats', 'A cat', 'A rabbit', 'A dog and a cat', 'Fish', 'Two dogs', 'A budgie'];
const CULTURES = [
  'Big family Sunday dinners',
  'Irish family; music at home',
  'South Asian heritage; festivals with family',
  'Caribbean family; church on Sundays',
  'Quiet household; vegetarian',
  'Polish family; traditions at Christmas and Easter',
  'Farming family',
];
const ROUTINES = [
  'Up early; the carer works from home two days a week. Quiet evenings.',
  'A busy house after school; weekends out walking or at the coast.',
  'Slow mornings, lunch out most days, early nights.',
  'Day centre runs on weekdays; church and family visits on Sundays.',
  'Evenings at the allotment in summer; film nights in winter.',
];
const WITHDRAWN = ['Family circumstances changed', 'Decided the timing was not right', 'Moved out of the area', 'Took a full-time job'];
const DECLINED = [
  'The home is not suitable: no spare bedroom',
  'References raised concerns the assessment could not resolve',
  'Not able to meet the training expectations',
];
const LEFT = ['Retired after many years', 'Moving away from the area', 'Health reasons', 'Now working full time'];
const PAUSED = ['Family illness: pausing for a few months', 'Having building work done at home', 'A new baby in the family'];
const SUMMARIES = [
  'Experienced in supporting a family member with a learning disability. A calm, organised household with a spare ground-floor bedroom.',
  'Retired nurse with a warm, sociable home. Keen to offer short breaks at first, and live-in support later.',
  'A couple with grown-up children who have moved out. Strong local links: church, allotment, walking group.',
];
const VIEWS = [
  'A warm household with a clear understanding of the role.',
  'Good references and a thoughtful assessment.',
  'I would like more on how they will manage short breaks alongside work.',
];

/** Checks that count as done-before-approval only; they never lapse. */
const timeless = (months: number | null) => months === null;

/** Fictional carers for one scheme: households, checks, reviews, panels, each move in their history. */
export function addCarers(out: DemoCarerData, faker: Faker, random: Random, scheme: SchemeCarers, today: IsoDate, seed: number) {
  const types = DEFAULT_CHECK_TYPES.map((t) => ({
    ...t,
    id: demoId('check type', `${scheme.schemeId}:${t.name}`),
    schemeId: scheme.schemeId,
  }));
  out.checkTypes.push(...types);

  const worker = () => random.pick(scheme.staff).id;
  const staffNames = new Map(scheme.staff.map((s) => [s.id, s.name]));
  const lastPanel = scheme.showcase ? addDays(today, -21) : addDays(today, -random.int(14, 40));
  const nextPanel = addDays(today, scheme.showcase ? 10 : random.int(5, 30));
  const panels = {
    past: {
      id: demoId('panel', `${scheme.schemeId}:${seed}:past`),
      schemeId: scheme.schemeId,
      meetsOn: lastPanel,
      place: 'Committee room 2, Town Hall',
    },
    next: {
      id: demoId('panel', `${scheme.schemeId}:${seed}:next`),
      schemeId: scheme.schemeId,
      meetsOn: nextPanel,
      place: 'Online (link sent with the papers)',
    },
  };
  let panelsUsed = false;
  const usePanels = () => {
    if (panelsUsed) return;
    panelsUsed = true;
    out.approvalPanels.push(panels.past, panels.next);
    scheme.panelMemberUserIds.forEach((userId, i) => {
      for (const panel of [panels.past, panels.next]) {
        out.panelMembers.push({
          id: demoId('panel member', `${panel.id}:${userId}`),
          schemeId: scheme.schemeId,
          panelId: panel.id,
          userId,
          role: i === 0 ? 'chair' : 'member',
        });
      }
    });
  };

  const plans: Plan[] = [
    ...scheme.carerUsers.map((user, i): Plan => ({
      key: `user:${user.id}`,
      user,
      stage: i > 0 && random.chance(0.1) ? 'paused' : 'approved',
      viaPanel: scheme.showcase && (i === 1 || i === 2),
      showcaseSignIn: scheme.showcase && i === 0,
    })),
    ...scheme.extraStages.map((stage, i): Plan => ({ key: `${seed}:${i}`, user: null, stage, viaPanel: false, showcaseSignIn: false })),
  ];

  let panelDecline = false;
  let panelDefer = false;
  for (const plan of plans) {
    const carer = makeCarer(plan);
    const changes = timeline(carer, plan);
    addChecks(carer, plan);
    settle(carer, plan, changes);
  }

  function makeCarer(plan: Plan) {
    const lastName = plan.user ? plan.user.name.split(' ').slice(-1)[0]! : faker.person.lastName();
    const name = plan.user?.name ?? `${faker.person.firstName()} ${lastName}`;
    const id = demoId('carer', `${scheme.schemeId}:${plan.key}`);
    const area = random.pick(scheme.areas);
    const carer: Insert<typeof carers> & { id: string; lastName: string; stage: CarerStage } = {
      id,
      schemeId: scheme.schemeId,
      userId: plan.user?.id ?? null,
      name,
      lastName,
      email: plan.user?.email ?? `${slug(name)}.${id.slice(0, 4)}@people.hearth.example`,
      phone: `07700 900${String(random.int(0, 999)).padStart(3, '0')}`,
      address: `${faker.location.streetAddress()}, ${scheme.town}`,
      postcode: `${scheme.postcodeArea}${random.int(1, 9)} ${random.int(1, 9)}${random.pick(POSTCODE_LETTERS)}${random.pick(POSTCODE_LETTERS)}`,
      area,
      latitude: round5(scheme.centre[0] + (random.next() - 0.5) * 0.16),
      longitude: round5(scheme.centre[1] + (random.next() - 0.5) * 0.24),
      workerUserId: plan.stage === 'enquiry' && random.chance(0.4) ? null : worker(),
      stage: plan.stage,
    };
    out.carers.push(carer);
    const home: Home = {
      bedrooms: random.int(2, 5),
      spareBedrooms: 1,
      stepFree: random.chance(0.3),
      ownBathroom: random.chance(0.25),
      smoking: random.weighted([
        ['no', 85],
        ['outside', 12],
        ['inside', 3],
      ] as const),
      pets: random.chance(0.55) ? random.pick(PETS) : null,
      languages: ['English', ...random.some(LANGUAGES, 0.06)],
      faith: random.chance(0.75) ? random.pick(FAITHS) : null,
      culture: random.chance(0.6) ? random.pick(CULTURES) : null,
      interests: random.some(INTERESTS, 0.15, 2),
      routines: random.pick(ROUTINES),
    };
    home.spareBedrooms = random.int(1, Math.max(1, home.bedrooms! - 1));
    if (!(plan.stage === 'enquiry' && random.chance(0.5))) out.carerHomes.push({ carerId: id, schemeId: scheme.schemeId, ...home });
    const members = addHousehold(carer);
    // The row itself, so dates set later reach the database; the extra fields are not columns and are not inserted.
    return Object.assign(carer, { home, members, records: [] as CheckRecordRow[] });
  }

  function addHousehold(carer: { id: string; lastName: string }) {
    const members: { name: string; relationship: string; dateOfBirth: IsoDate }[] = [];
    if (random.chance(0.55))
      members.push({
        name: `${faker.person.firstName()} ${carer.lastName}`,
        relationship: random.pick(['partner', 'husband', 'wife']),
        dateOfBirth: addDays(today, -random.int(30 * 365, 70 * 365)),
      });
    const children = random.weighted([
      [0, 50],
      [1, 25],
      [2, 18],
      [3, 7],
    ] as const);
    for (let i = 0; i < children; i++) {
      members.push({
        name: `${faker.person.firstName()} ${carer.lastName}`,
        relationship: random.pick(['son', 'daughter']),
        dateOfBirth: addDays(today, -random.int(2 * 365, 26 * 365)),
      });
    }
    if (random.chance(0.05))
      members.push({
        name: `${faker.person.firstName()} ${carer.lastName}`,
        relationship: 'mother',
        dateOfBirth: addDays(today, -random.int(70 * 365, 90 * 365)),
      });
    const rows = members.map((m, i) => ({
      id: childId(carer.id, 'household member', i),
      schemeId: scheme.schemeId,
      carerId: carer.id,
      ...m,
    }));
    out.householdMembers.push(...rows);
    return rows;
  }

  /** When each move happened, working back from where they are now; sets their enquiry and approval dates. */
  function timeline(carer: ReturnType<typeof makeCarer>, plan: Plan) {
    const reachesApproval = ['approved', 'paused', 'left'].includes(plan.stage);
    plan.declinedByPanel = plan.stage === 'declined' && scheme.showcase && !panelDecline;
    if (plan.declinedByPanel) panelDecline = true;
    const approvedOn = plan.viaPanel
      ? addDays(lastPanel, 7)
      : plan.showcaseSignIn
        ? addDays(addMonths(today, -36), -random.int(10, 20))
        : addDays(today, -random.int(30, 3650));
    const path = journeyTo(plan.stage, plan.declinedByPanel);
    const end = reachesApproval
      ? approvedOn
      : plan.declinedByPanel
        ? addDays(lastPanel, 5)
        : plan.stage === 'decision'
          ? lastPanel
          : plan.stage === 'panel'
            ? addDays(lastPanel, -7)
            : addDays(today, -random.int(1, ['withdrawn', 'declined'].includes(plan.stage) ? 700 : 90));
    const gaps = path.slice(1).map(() => random.int(10, 45));
    let on = addDays(end, -gaps.reduce((a, b) => a + b, 0));
    carer.enquiredOn = on;
    const changes: Change[] = [{ from: null, to: path[0]!, on, reason: null }];
    path.slice(1).forEach((to, i) => {
      on = addDays(on, gaps[i]!);
      const reason = to === 'withdrawn' ? random.pick(WITHDRAWN) : to === 'declined' ? random.pick(DECLINED) : null;
      changes.push({ from: path[i]!, to, on, reason });
    });
    if (reachesApproval) {
      carer.approvedOn = approvedOn;
      if (plan.stage !== 'approved') {
        const since = addDays(today, -random.int(5, 300));
        changes.push({
          from: 'approved',
          to: plan.stage,
          on: since > approvedOn ? since : addDays(approvedOn, 1),
          reason: plan.stage === 'paused' ? random.pick(PAUSED) : random.pick(LEFT),
        });
      }
    }
    return changes;
  }

  /** The approval, panel papers and reviews that go with the journey, and the journey itself. */
  function settle(carer: ReturnType<typeof makeCarer>, plan: Plan, changes: Change[]) {
    if (carer.approvedOn) {
      addApproval(carer, plan, carer.approvedOn);
      if (plan.stage !== 'left') carer.reviewDueOn = addReviews(carer, carer.approvedOn);
    }
    if (plan.stage === 'panel' || plan.stage === 'decision' || plan.declinedByPanel) addPanelCase(carer, plan);
    const last = changes[changes.length - 1]!;
    carer.stageSince = last.on;
    carer.stageReason = last.reason;
    changes.forEach((c, i) =>
      out.carerStageChanges.push({
        id: childId(carer.id, 'stage change', i),
        schemeId: scheme.schemeId,
        carerId: carer.id,
        fromStage: c.from,
        toStage: c.to,
        reason: c.reason,
        effectiveOn: c.on,
        byName: 'Demo data',
      }),
    );
  }

  function addApproval(carer: ReturnType<typeof makeCarer>, plan: Plan, decidedOn: IsoDate) {
    const drawn = randomTerms();
    // The fixed carer sign-in is approved widely, so matching can propose them to the fixed person sign-in.
    const terms: ApprovalTerms = plan.showcaseSignIn
      ? { maxPeople: 2, arrangementTypes: [...ARRANGEMENT_TYPES], needs: [...NEEDS] }
      : drawn;
    const caseId = plan.viaPanel ? addPanelCase(carer, plan, terms) : null;
    out.carerApprovals.push({
      id: childId(carer.id, 'approval', 0),
      schemeId: scheme.schemeId,
      carerId: carer.id,
      decision: 'approved',
      decidedOn,
      basis: caseId ? 'panel' : 'earlier_record',
      panelCaseId: caseId,
      ...terms,
      byName: 'Demo data',
    });
  }

  function addPanelCase(carer: ReturnType<typeof makeCarer>, plan: Plan, terms: ApprovalTerms = randomTerms()): string {
    usePanels();
    const deferred = plan.stage === 'panel' && scheme.showcase && !panelDefer;
    if (deferred) panelDefer = true;
    const onNext = plan.stage === 'panel';
    const declining = plan.declinedByPanel === true;
    const cases: { panel: typeof panels.past; recommendation: 'approve' | 'decline' | 'defer' | null }[] = [];
    if (!onNext || deferred) cases.push({ panel: panels.past, recommendation: declining ? 'decline' : deferred ? 'defer' : 'approve' });
    if (onNext) cases.push({ panel: panels.next, recommendation: null });
    let id = '';
    for (const c of cases) {
      id = demoId('panel case', `${c.panel.id}:${carer.id}`);
      out.panelCases.push({
        id,
        schemeId: scheme.schemeId,
        panelId: c.panel.id,
        carerId: carer.id,
        papers: papersFor(carer, c.panel.meetsOn),
        recommendation: c.recommendation,
        recommendedTerms: c.recommendation === 'approve' ? terms : null,
        recommendationReason:
          c.recommendation === 'decline'
            ? 'The panel was not satisfied that the home can offer a private space.'
            : c.recommendation === 'defer'
              ? 'The panel asked for a second reference and an updated health check.'
              : null,
        recommendedOn: c.recommendation ? c.panel.meetsOn : null,
      });
      if (c.recommendation) {
        scheme.panelMemberUserIds.forEach((userId, i) =>
          out.panelViews.push({
            id: demoId('panel view', `${id}:${userId}`),
            schemeId: scheme.schemeId,
            caseId: id,
            userId,
            view: c.recommendation!,
            comments: VIEWS[(i + out.panelViews.length) % VIEWS.length]!,
            at: new Date(`${c.panel.meetsOn}T11:00:00Z`),
          }),
        );
      }
    }
    if (declining) {
      out.carerApprovals.push({
        id: childId(carer.id, 'approval', 0),
        schemeId: scheme.schemeId,
        carerId: carer.id,
        decision: 'declined',
        decidedOn: addDays(lastPanel, 5),
        basis: 'panel',
        panelCaseId: id,
        reason: 'The scheme agreed with the panel: there is no private space for the person.',
        byName: 'Demo data',
      });
    }
    return id;
  }

  function papersFor(carer: ReturnType<typeof makeCarer>, preparedOn: IsoDate): PanelPapers {
    const members = carer.members;
    const prepared = addDays(preparedOn, -14);
    const adults = members.filter((m) => isAdult(m.dateOfBirth, prepared));
    const requirements = requirementsFor(
      types,
      { memberId: null, name: carer.name },
      adults.map((m) => ({ memberId: m.id, name: m.name })),
      carer.records,
      prepared,
    );
    return {
      carerName: carer.name,
      area: carer.area ?? null,
      enquiredOn: carer.enquiredOn!,
      worker: staffNames.get(carer.workerUserId ?? '') ?? null,
      summary: random.pick(SUMMARIES),
      home: homeSummary(carer.home),
      household: members.map((m) => ({
        name: m.name,
        relationship: m.relationship,
        age: ageOn(m.dateOfBirth, prepared),
        adult: isAdult(m.dateOfBirth, prepared),
      })),
      checks: requirements
        .filter((r) => r.type.required)
        .map((r) => ({
          name: r.type.name,
          who: r.who.name,
          status: r.status,
          completedOn: r.latest?.completedOn ?? null,
          expiresOn: r.dueOn,
        })),
      preparedOn: prepared,
      preparedBy: null,
    };
  }

  function addReviews(carer: { id: string }, approvedOn: IsoDate): IsoDate {
    let due = addMonths(approvedOn, 12);
    let n = 0;
    const skipLast = random.chance(0.1);
    while (due < addDays(today, skipLast ? -40 : -5)) {
      const reviewedOn = addDays(due, -random.int(0, 20));
      const nextDueOn = addMonths(reviewedOn, 12);
      if (skipLast && nextDueOn >= today) break;
      out.carerReviews.push({
        id: childId(carer.id, 'review', n++),
        schemeId: scheme.schemeId,
        carerId: carer.id,
        reviewedOn,
        outcome: random.weighted([
          ['continue', 85],
          ['continue_with_changes', 13],
          ['refer_to_panel', 2],
        ] as const),
        summary: 'Reviewed the year together: support is going well; training is planned.',
        carerView: random.chance(0.7) ? 'Happy with the support from the scheme.' : null,
        nextDueOn,
        byName: 'Demo data',
      });
      due = nextDueOn;
    }
    return due;
  }

  function addChecks(carer: ReturnType<typeof makeCarer>, plan: Plan) {
    const doneBy = carer.approvedOn ?? (['panel', 'decision'].includes(plan.stage) ? addDays(lastPanel, -20) : null);
    const progress = doneBy ? 1 : plan.stage === 'checks' ? 0.5 : plan.stage === 'assessment' ? 0.15 : 0;
    if (progress === 0 && !['left'].includes(plan.stage)) return;
    const adults = carer.members.filter((m) => isAdult(m.dateOfBirth, today));
    const current = plan.stage === 'approved' || plan.stage === 'paused';
    let n = 0;
    for (const type of types) {
      if (!type.required && !(current && random.chance(0.5))) continue;
      const people = type.appliesTo === 'every_adult' ? [null, ...adults.map((a) => a.id)] : [null];
      for (const memberId of people) {
        if (progress < 1 && !random.chance(progress)) continue;
        for (let copy = 0; copy < type.howMany; copy++) {
          const completedOn = completedOnFor(
            type.validMonths,
            current,
            doneBy ?? addDays(today, -random.int(5, 60)),
            plan.showcaseSignIn ? type.name : null,
          );
          if (completedOn === null) continue;
          const record: CheckRecordRow = {
            id: childId(carer.id, 'check record', n++),
            schemeId: scheme.schemeId,
            carerId: carer.id,
            checkTypeId: type.id,
            householdMemberId: memberId,
            completedOn,
            expiresOn: expiryFor(completedOn, type.validMonths),
            outcome: 'satisfactory',
            reference: type.name.startsWith('DBS') ? `00${random.int(1000000000, 1999999999)}` : null,
            byName: 'Demo data',
          };
          out.checkRecords.push(record);
          carer.records.push(record);
        }
      }
    }
  }

  /** When the latest one was done: for current carers, mostly in date, some due soon, some overdue, a few missing. */
  function completedOnFor(validMonths: number | null, current: boolean, doneBy: IsoDate, showcaseType: string | null): IsoDate | null {
    if (timeless(validMonths) || !current) return addDays(doneBy, -random.int(5, 90));
    const months = validMonths;
    const showcase =
      showcaseType === 'Home health and safety check' ? 'overdue' : showcaseType === 'First aid' ? 'due_soon' : showcaseType ? 'ok' : null;
    const status =
      showcase ??
      random.weighted([
        ['ok', 80],
        ['due_soon', 9],
        ['overdue', 8],
        ['missing', 3],
      ] as const);
    const lapse = addMonths(today, -months);
    if (status === 'missing') return null;
    if (status === 'due_soon') return addDays(lapse, random.int(2, 28));
    if (status === 'overdue') return addDays(lapse, -random.int(2, 150));
    return addDays(lapse, random.int(40, Math.max(41, months * 30 - 30)));
  }

  function randomTerms(): ApprovalTerms {
    return {
      maxPeople: random.weighted([
        [1, 45],
        [2, 40],
        [3, 15],
      ] as const),
      arrangementTypes: random.some(ARRANGEMENT_TYPES, 0.5, 1),
      needs: random.some(NEEDS, 0.2, 1),
    };
  }
}

interface Plan {
  key: string;
  user: { id: string; name: string; email: string } | null;
  stage: CarerStage;
  /** Approved at the last panel, with its papers and views. */
  viaPanel: boolean;
  /** The fixed carer sign-in: something overdue and something due soon on their own "What is due". */
  showcaseSignIn: boolean;
  /** Declined by the scheme after the last panel recommended it. */
  declinedByPanel?: boolean;
}

interface Change {
  from: CarerStage | null;
  to: CarerStage;
  on: IsoDate;
  reason: string | null;
}

/** The stages a carer went through to reach `stage`: the pipeline up to where they stopped. */
function journeyTo(stage: CarerStage, declinedByPanel = false): CarerStage[] {
  if (stage === 'withdrawn' || stage === 'declined') {
    const stopAt = declinedByPanel ? 'decision' : 'assessment';
    return [...PIPELINE.slice(0, PIPELINE.indexOf(stopAt) + 1), stage];
  }
  if (stage === 'approved' || stage === 'paused' || stage === 'left') return [...PIPELINE, 'approved'];
  return PIPELINE.slice(0, PIPELINE.indexOf(stage) + 1);
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');
const round5 = (n: number) => Math.round(n * 100_000) / 100_000;
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
