import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../platform/db/database.js';
import { NEED_NAMES, type ArrangementType, type Need } from '../carers/terms.js';
import type { HouseholdAnswer } from '../people/words.js';
import {
  encodeCarers,
  encodePeople,
  type Decline,
  type MatchCarer,
  type MatchPerson,
  type PairFacts,
  type PlaceThatMatters,
  type SchemeSettings,
  type Whereabouts,
  type WorkerNote,
} from './engine/index.js';
import { DEFAULT_STEPS } from './workflow.js';

/*
 * The matching engine's input, read from the scheme's records: approved carers with their terms,
 * home and household; people waiting (or in introductions) with their needs and wishes; the "no"s
 * said in proposals. Runs inside the caller's transaction, so tenancy and row-level security apply.
 */

export interface MatchingSettingsRecord {
  weights: Record<string, number>;
  maxMiles: number | null;
  introductionSteps: string[];
}

export async function settingsOf(tx: Tx): Promise<MatchingSettingsRecord> {
  const [row] = await rowsOf<MatchingSettingsRecord>(
    tx,
    sql`
    select weights, max_miles as "maxMiles", introduction_steps as "introductionSteps" from matching_settings limit 1`,
  );
  return row ?? { weights: {}, maxMiles: null, introductionSteps: [...DEFAULT_STEPS] };
}

export const engineSettings = (s: MatchingSettingsRecord): SchemeSettings => ({
  weights: s.weights,
  ...(s.maxMiles ? { maxMiles: s.maxMiles } : {}),
});

/** Splits the scheme's free-text lists ("gardening, football and walks") into words. */
export const wordsOf = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/,|;|\n|\band\b/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);

/** "Two dogs, a cat" → ["dog", "cat"]: kinds of animal, singular, lower case. */
export const animalsOf = (text: string | null | undefined): string[] => {
  if (!text || /^\s*(none|no|no pets)\s*$/i.test(text)) return [];
  return [
    ...new Set(
      wordsOf(text)
        .map((w) =>
          w
            .toLowerCase()
            .replace(/^(a|an|one|two|three|four|five|\d+|some|old|young|our|my)\s+/g, '')
            .replace(/(ies)$/, 'y')
            .replace(/(?<!s)s$/, '')
            .trim(),
        )
        .filter((w) => w.length > 0),
    ),
  ];
};

/** Animals a person who would like pets may enjoy: any a carer is likely to have. */
const PETS_LIKED = ['dog', 'cat', 'rabbit', 'guinea pig', 'bird', 'budgie', 'fish', 'hamster', 'tortoise', 'horse', 'chicken'];

/** A postcode and its coordinates, as stored; without coordinates, distances to it are not known. */
function whereabouts(r: { postcode: string | null; latitude: number | null; longitude: number | null }): Whereabouts {
  const postcode = r.postcode ? { postcode: r.postcode } : {};
  return r.latitude !== null && r.longitude !== null ? { ...postcode, latitude: r.latitude, longitude: r.longitude } : postcode;
}

interface CarerRow {
  id: string;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  maxPeople: number;
  arrangementTypes: ArrangementType[];
  needs: Need[] | null;
  pets: string | null;
  smoking: 'no' | 'outside' | 'inside' | null;
  stepFree: boolean | null;
  ownBathroom: boolean | null;
  spareBedrooms: number | null;
  languages: string[] | null;
  faith: string | null;
  culture: string | null;
  interests: string[] | null;
  routines: string | null;
  children: number;
  otherAdults: number;
}

/** Approved carers (located or not), on their latest approval terms, and who they support now (agreed matches). */
export async function carersForMatching(tx: Tx, today: string): Promise<MatchCarer[]> {
  const rows = await rowsOf<CarerRow>(
    tx,
    sql`
    select c.id, c.postcode, c.latitude::float8 as latitude, c.longitude::float8 as longitude,
      a.max_people as "maxPeople", a.arrangement_types::text[] as "arrangementTypes", a.needs::text[] as needs,
      h.pets, h.smoking, h.step_free as "stepFree", h.own_bathroom as "ownBathroom", h.spare_bedrooms as "spareBedrooms",
      h.languages, h.faith, h.culture, h.interests, h.routines,
      (select count(*)::int from household_members m where m.carer_id = c.id and m.moved_out_on is null and m.date_of_birth > ${today}::date - interval '18 years') as children,
      (select count(*)::int from household_members m where m.carer_id = c.id and m.moved_out_on is null and m.date_of_birth <= ${today}::date - interval '18 years') as "otherAdults"
    from carers c
    join lateral (select * from carer_approvals x where x.carer_id = c.id order by x.decided_on desc, x.created_at desc limit 1) a on a.decision = 'approved'
    left join carer_homes h on h.carer_id = c.id
    where c.stage = 'approved'
    order by c.id`,
  );
  // Who each carer supports now: their live arrangements, and agreed matches whose arrangement is not set up yet.
  const supporting = await rowsOf<{ carerId: string; personId: string; arrangement: ArrangementType }>(
    tx,
    sql`
    select a.carer_id as "carerId", a.person_id as "personId", a.type::text as arrangement from arrangements a where a.status <> 'ended'
    union all
    select m.carer_id, m.person_id, coalesce(p.arrangement, 'live_in')
    from match_proposals m left join matching_preferences p on p.person_id = m.person_id
    where m.agreed_on is not null and m.stopped_at is null and not exists (select 1 from arrangements a where a.match_id = m.id)`,
  );
  const byCarer = new Map<string, typeof supporting>();
  for (const s of supporting) byCarer.set(s.carerId, [...(byCarer.get(s.carerId) ?? []), s]);
  return rows.map((r) => ({
    id: r.id,
    home: whereabouts(r),
    approval: { maxPeople: r.maxPeople, arrangementTypes: r.arrangementTypes, needs: (r.needs ?? []).map((n) => NEED_NAMES[n]) },
    supporting: (byCarer.get(r.id) ?? []).map(({ personId, arrangement }) => ({ personId, arrangement })),
    household: {
      pets: animalsOf(r.pets),
      smoking: r.smoking === 'inside',
      acceptsSmoker: true,
      ...(r.stepFree === null ? {} : { stepFree: r.stepFree }),
      ...(r.ownBathroom === null ? {} : { ownBathroom: r.ownBathroom }),
      spareBedrooms: r.spareBedrooms ?? 0,
      children: r.children,
      otherAdults: r.otherAdults,
    },
    languages: r.languages ?? [],
    ...(r.faith ? { faith: r.faith } : {}),
    culture: wordsOf(r.culture),
    interests: r.interests ?? [],
    routines: wordsOf(r.routines),
  }));
}

interface PersonRow {
  id: string;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  arrangement: ArrangementType | null;
  maxDistanceMiles: number | null;
  children: HouseholdAnswer | null;
  pets: HouseholdAnswer | null;
  smoking: HouseholdAnswer | null;
  faith: string | null;
  culture: string | null;
  languages: string[] | null;
  interests: string[] | null;
  routines: string | null;
  needs: string[];
}

interface PlaceRow {
  personId: string;
  label: string;
  kind: PlaceThatMatters['kind'];
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
}

const APPROVAL_NEED_WORDS = new Set(Object.values(NEED_NAMES).map((n) => n.toLowerCase()));

/**
 * The people matching may consider: waiting for a match or in introductions, located or not, with
 * their places that matter. `only` narrows to one person.
 */
export async function peopleForMatching(tx: Tx, only?: string): Promise<MatchPerson[]> {
  const considered = only ? sql`p.id = ${only}` : sql`p.status in ('waiting', 'introductions')`;
  const rows = await rowsOf<PersonRow>(
    tx,
    sql`
    select p.id, p.postcode, p.latitude::float8 as latitude, p.longitude::float8 as longitude,
      w.arrangement, w.max_distance_miles as "maxDistanceMiles", w.children, w.pets, w.smoking,
      w.faith, w.culture, w.languages, w.interests, w.routines,
      coalesce((select array_agg(c.name order by c.name) from person_support_needs n join support_need_categories c on c.id = n.category_id
        where n.person_id = p.id and c.retired_at is null), '{}') as needs
    from people p left join matching_preferences w on w.person_id = p.id
    where ${considered}
    order by p.id`,
  );
  const places = await rowsOf<PlaceRow>(
    tx,
    sql`
    select x.person_id as "personId", x.label, x.kind::text as kind, x.postcode, x.latitude::float8 as latitude, x.longitude::float8 as longitude
    from person_places x join people p on p.id = x.person_id
    where ${considered}
    order by x.person_id, x.created_at, x.id`,
  );
  const placesOf = new Map<string, PlaceThatMatters[]>();
  for (const { personId, label, kind, ...where } of places)
    placesOf.set(personId, [...(placesOf.get(personId) ?? []), { label, kind, location: whereabouts(where) }]);
  return rows.map((r) => ({ ...personFromRow(r), places: placesOf.get(r.id) ?? [] }));
}

function personFromRow(r: PersonRow): MatchPerson {
  return {
    id: r.id,
    home: whereabouts(r),
    arrangement: r.arrangement ?? 'live_in',
    // Only the needs carers are approved for can rule a carer out; a scheme's own extra categories are for reading.
    needs: r.needs.filter((n) => APPROVAL_NEED_WORDS.has(n.toLowerCase())),
    ...(r.maxDistanceMiles ? { maxMiles: r.maxDistanceMiles } : {}),
    household: {
      ...(r.smoking === 'not_wanted' ? { smokeFree: 'needed' as const } : {}),
      ...(r.smoking === 'would_like' ? { smokes: true } : {}),
      ...(r.pets === 'not_wanted' ? { pets: { notOk: 'any' as const } } : r.pets === 'would_like' ? { pets: { likes: PETS_LIKED } } : {}),
      ...(r.children === 'not_wanted'
        ? { children: 'not_ok' as const }
        : r.children === 'would_like'
          ? { children: 'likes' as const }
          : {}),
    },
    languages: r.languages ?? [],
    ...(r.faith ? { faith: r.faith } : {}),
    culture: wordsOf(r.culture),
    interests: r.interests ?? [],
    routines: wordsOf(r.routines),
  };
}

/**
 * Every "no" said in a proposal, by either side, at any point: the pair is then never suggested again.
 * And the worker's note on each pair proposed, the latest last (the engine counts the last one).
 */
export async function pairFacts(tx: Tx): Promise<Required<PairFacts>> {
  const declines = await rowsOf<Decline>(
    tx,
    sql`
    select person_id as "personId", carer_id as "carerId", 'person' as by from match_proposals
      where person_answer = 'no' or stopped_by = 'person'
        or exists (select 1 from introduction_steps s where s.proposal_id = match_proposals.id and s.person_go_on = false)
    union
    select person_id, carer_id, 'carer' from match_proposals
      where carer_answer = 'no' or stopped_by = 'carer'
        or exists (select 1 from introduction_steps s where s.proposal_id = match_proposals.id and s.carer_go_on = false)`,
  );
  const notes = await rowsOf<WorkerNote>(
    tx,
    sql`
    select person_id as "personId", carer_id as "carerId", coalesce(worker_note_view, 'neutral')::text as view, worker_note as text
    from match_proposals where worker_note is not null order by proposed_at, id`,
  );
  return { declines, notes };
}

/**
 * The scheme's matching inputs, encoded once per request: its settings, approved carers, and the
 * people waiting (or `only` one of them). `notes` are worker's notes about to be saved, counted after those kept.
 */
export async function schemePool(tx: Tx, today: string, only?: string, notes: readonly WorkerNote[] = []) {
  const settings = await settingsOf(tx);
  const carerPool = encodeCarers(await carersForMatching(tx, today), engineSettings(settings));
  const facts = await pairFacts(tx);
  const pool = encodePeople(await peopleForMatching(tx, only), carerPool, { ...facts, notes: [...facts.notes, ...notes] });
  return { settings, pool };
}
