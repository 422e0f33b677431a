import type {
  agreementAcknowledgements,
  agreements,
  agreementTemplates,
  arrangements,
  arrangementStatusChanges,
} from '../arrangements/schema.js';
import type { ArrangementStatus, Funder } from '../arrangements/status.js';
import { agreementKindsFor, DEFAULT_TEMPLATES, fillTemplate, fundingWords, type AgreementKind } from '../arrangements/templates.js';
import { ARRANGEMENT_TYPE_NAMES, type ArrangementType } from '../carers/terms.js';
import { formatDate } from '../platform/layout/views.js';
import { addDays } from '../platform/dates.js';
import type { DemoData } from './generate.js';
import { childId, demoId } from './ids.js';
import { Random } from './random.js';
import { LIVES_WITH_CARER_SIGN_IN } from './sign-ins.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Arrangements' rows for the demo, in the order they are loaded. */
export interface DemoArrangements {
  templates: Insert<typeof agreementTemplates>[];
  arrangements: (Insert<typeof arrangements> & { id: string })[];
  statusChanges: Insert<typeof arrangementStatusChanges>[];
  agreements: Insert<typeof agreements>[];
  acknowledgements: Insert<typeof agreementAcknowledgements>[];
}

export const emptyArrangements = (): DemoArrangements => ({
  templates: [],
  arrangements: [],
  statusChanges: [],
  agreements: [],
  acknowledgements: [],
});

const FUNDERS: readonly (readonly [Funder, number])[] = [
  ['council', 60],
  ['nhs', 10],
  ['personal_budget', 10],
  ['direct_payment', 15],
  ['self_funded', 5],
];
const PAUSES = [
  'The carer is in hospital for a few weeks',
  'The person is staying with family for a month',
  'Building work at the carer’s home',
];
const ENDINGS = [
  'Moved into her own flat with support',
  'Moved to a nursing home as his needs grew',
  'Moved back to live with family',
  'Chose a supported living service',
];

interface Carer {
  id: string;
  name: string;
  userId: string | null;
  approvedOn: string;
  maxPeople: number;
  types: ArrangementType[];
  liveIn: number;
  load: number;
}

/**
 * An arrangement for every kind of support each supported person has, with a carer whose approval
 * allows it and who has room (as the database's trigger insists); an ended one for everyone who
 * moved on after being supported; agreements issued from the default templates, some acknowledged.
 * Northbrook's fixed carer sign-in supports someone, and one of its arrangements is paused.
 */
export function addArrangements(data: DemoData, today: string, seed: number) {
  const out = data.arrangements;
  const usersById = new Map(data.users.map((u) => [u.id, u.name]));
  const approvals = new Map(data.carers.carerApprovals.filter((a) => a.decision === 'approved').map((a) => [a.carerId, a]));
  const supportedOn = new Map<string, string>();
  const movedOn = new Map<string, string>();
  for (const change of data.people.statusChanges) {
    if (change.toStatus === 'supported') supportedOn.set(change.personId, change.on);
    if (change.toStatus === 'moved_on') movedOn.set(change.personId, change.on);
  }
  const fixedCarerUser = data.users.find((u) => u.email === 'carer@demo.hearth.example')?.id;
  const livesWithCarer = data.users.find((u) => u.email === LIVES_WITH_CARER_SIGN_IN.email)?.id;

  data.schemes.forEach((scheme, index) => {
    const random = new Random(seed * 104_729 + index);
    for (const t of DEFAULT_TEMPLATES) {
      out.templates.push({
        id: templateId(scheme.id, t.kind),
        schemeId: scheme.id,
        kind: t.kind,
        version: 1,
        title: t.title,
        body: t.body,
        easyRead: t.easyRead,
        byName: 'Hearth',
      });
    }
    const carers: Carer[] = data.carers.carers
      .filter((c) => c.schemeId === scheme.id && c.stage === 'approved' && approvals.has(c.id!))
      .map((c) => {
        const terms = approvals.get(c.id!)!;
        return {
          id: c.id!,
          name: c.name,
          userId: c.userId ?? null,
          approvedOn: terms.decidedOn,
          maxPeople: terms.maxPeople!,
          types: [...(terms.arrangementTypes ?? [])],
          liveIn: 0,
          load: 0,
        };
      })
      .sort((a, b) => Number(b.userId === fixedCarerUser) - Number(a.userId === fixedCarerUser));
    if (!carers.length) return;
    // The person sign-in who lives with the carer sign-in goes first, so that carer has room for them.
    const people = data.people.people
      .filter((p) => p.schemeId === scheme.id)
      .sort((a, b) => Number(b.userId === livesWithCarer) - Number(a.userId === livesWithCarer));
    let paused = false;

    /** The least busy carer approved for the type with room, approved by the start if possible. */
    const carerFor = (type: ArrangementType, startsOn: string, live: boolean) => {
      const allowed = carers.filter((c) => c.types.includes(type) && (!live || type !== 'live_in' || c.liveIn < c.maxPeople));
      const ready = allowed.filter((c) => c.approvedOn <= startsOn);
      const pool = ready.length ? ready : allowed;
      return pool.length ? pool.reduce((best, c) => (c.load < best.load ? c : best)) : null;
    };

    for (const person of people) {
      if (person.status === 'supported') {
        const startsOn = person.statusSince;
        for (const type of person.arrangementTypes as ArrangementType[]) {
          const showcase = person.userId === livesWithCarer && carers[0]?.userId === fixedCarerUser ? carers[0] : undefined;
          const carer = showcase ?? carerFor(type, startsOn, true) ?? widenTerms(carers, type);
          const status: ArrangementStatus =
            !paused && !showcase && index === 0 && startsOn < addDays(today, -60)
              ? 'paused'
              : startsOn > addDays(today, -14)
                ? 'starting'
                : 'active';
          if (status === 'paused') paused = true;
          add(person, carer, type, startsOn, status, null);
        }
      } else if (person.status === 'moved_on' && supportedOn.has(person.id!)) {
        const startsOn = supportedOn.get(person.id!)!;
        const type = random.weighted([
          ['live_in', 5],
          ['short_breaks', 3],
          ['day_support', 2],
        ] as const);
        const carer = carerFor(type, startsOn, false) ?? carers[0]!;
        add(person, carer, type, startsOn, 'ended', movedOn.get(person.id!) ?? today);
      }
    }
    for (const carer of carers) Object.assign(approvals.get(carer.id)!, { maxPeople: carer.maxPeople, arrangementTypes: [...carer.types] });

    function add(
      person: DemoData['people']['people'][number],
      carer: Carer,
      type: ArrangementType,
      startsOn: string,
      status: ArrangementStatus,
      endedOn: string | null,
    ) {
      if (status !== 'ended') {
        carer.load++;
        if (type === 'live_in') carer.liveIn++;
      }
      const id = demoId('arrangement', `${person.id}:${type}:${startsOn}`);
      const activeOn = addDays(startsOn, 7) < (endedOn ?? today) ? addDays(startsOn, 7) : startsOn;
      const pausedOn = addDays(today, -random.int(5, 40));
      const since = status === 'paused' ? pausedOn : status === 'ended' ? endedOn! : status === 'active' ? activeOn : startsOn;
      const funder = random.weighted(FUNDERS);
      const workerName = person.workerUserId ? (usersById.get(person.workerUserId) ?? null) : null;
      const ending =
        status === 'ended'
          ? {
              endedOn,
              endKind: random.chance(0.8) ? ('planned' as const) : ('unplanned' as const),
              endReason: random.pick(ENDINGS),
              whatsNext: 'Keeps in touch with the carer’s family',
            }
          : {};
      out.arrangements.push({
        id,
        schemeId: scheme.id,
        personId: person.id!,
        carerId: carer.id,
        type,
        status,
        statusSince: since,
        startsOn,
        workerUserId: person.workerUserId ?? null,
        funder,
        funderDetail: funder === 'council' ? `${scheme.localAuthority} adult social care` : null,
        ...ending,
      });
      const steps: { from: ArrangementStatus | null; to: ArrangementStatus; on: string; reason: string | null }[] = [
        { from: null, to: 'starting', on: startsOn, reason: null },
      ];
      if (status !== 'starting' && activeOn > startsOn) steps.push({ from: 'starting', to: 'active', on: activeOn, reason: null });
      if (status === 'paused') steps.push({ from: steps.at(-1)!.to, to: 'paused', on: pausedOn, reason: random.pick(PAUSES) });
      if (status === 'ended') steps.push({ from: steps.at(-1)!.to, to: 'ended', on: endedOn!, reason: ending.endReason! });
      steps.forEach((s, n) =>
        out.statusChanges.push({
          id: childId(id, 'arrangement status change', n),
          schemeId: scheme.id,
          arrangementId: id,
          fromStatus: s.from,
          toStatus: s.to,
          on: s.on,
          reason: s.reason,
          byUserId: person.workerUserId ?? null,
          byName: workerName ?? 'Demo data',
          at: new Date(`${s.on}T10:00:00Z`),
        }),
      );
      const details = {
        person: person.name,
        carer: carer.name,
        'start date': formatDate(startsOn),
        'planned end': 'No end date is planned',
        type: ARRANGEMENT_TYPE_NAMES[type].toLowerCase(),
        funding: fundingWords(funder, null, person.name),
        scheme: scheme.name,
        worker: workerName ?? 'the scheme’s worker',
      };
      agreementKindsFor(type).forEach((kind, k) => {
        const template = DEFAULT_TEMPLATES.find((t) => t.kind === kind)!;
        const agreementId = childId(id, 'agreement', k);
        out.agreements.push({
          id: agreementId,
          schemeId: scheme.id,
          arrangementId: id,
          kind,
          version: 1,
          templateId: templateId(scheme.id, kind),
          templateVersion: 1,
          title: template.title,
          body: fillTemplate(template.body, details),
          easyRead: fillTemplate(template.easyRead, details),
          issuedByUserId: person.workerUserId ?? null,
          issuedByName: workerName ?? 'Demo data',
          issuedAt: new Date(`${startsOn}T11:00:00Z`),
        });
        const acknowledged = (party: 'person' | 'carer' | 'scheme', n: number, name: string, asWhom: string, chance: number) => {
          if (random.chance(chance)) {
            out.acknowledgements.push({
              id: childId(agreementId, 'acknowledgement', n),
              schemeId: scheme.id,
              agreementId,
              party,
              name,
              asWhom,
              at: new Date(`${addDays(startsOn, n)}T12:00:00Z`),
            });
          }
        };
        acknowledged('scheme', 0, workerName ?? 'Scheme worker', 'Scheme worker', 1);
        acknowledged('carer', 1, carer.name, 'The Shared Lives carer', status === 'starting' ? 0.5 : 0.9);
        acknowledged(
          'person',
          2,
          person.name,
          random.chance(0.8) ? 'The person, themselves' : 'Their family, for them',
          status === 'starting' ? 0.3 : 0.75,
        );
      });
    }
  });
}

/** When no carer's terms fit, the demo's least busy carer is approved for it too: the terms are the demo's own. */
function widenTerms(carers: Carer[], type: ArrangementType): Carer {
  const carer = carers.filter((c) => c.maxPeople < 10).reduce((best, c) => (c.load < best.load ? c : best), carers[0]!);
  if (!carer.types.includes(type)) carer.types.push(type);
  if (type === 'live_in' && carer.liveIn >= carer.maxPeople) carer.maxPeople = carer.liveIn + 1;
  return carer;
}

const templateId = (schemeId: string, kind: AgreementKind) => demoId('agreement template', `${schemeId}:${kind}`);
