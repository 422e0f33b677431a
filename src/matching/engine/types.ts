/**
 * The matching engine's plain input and output types. The store maps database rows onto these;
 * nothing here knows about tables, requests or sessions.
 *
 * Lists of words (needs, interests, routines, languages, culture, pets, offers, wishes) are
 * compared ignoring case and surrounding spaces, so "Gardening" matches "gardening ". Texts shown
 * to people keep the person's own spelling.
 */

export type ArrangementType = 'live_in' | 'short_breaks' | 'day_support';

/** Degrees, as stored on carers and people (WGS84). */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/**
 * Where someone lives or a place is: the postcode for people to read, and the coordinates for
 * distances when they are known. Without them every distance to it is "not known": it counts for
 * nothing and rules nothing out.
 */
export type Whereabouts = { postcode?: string } & (Coordinates | { latitude?: undefined; longitude?: undefined });

/** Whether a place's coordinates are known. */
export const isLocated = (w: Whereabouts): w is Whereabouts & Coordinates => w.latitude !== undefined && w.longitude !== undefined;

/** 'needed' excludes carers who cannot offer it; 'preferred' only adds to the score. */
export type Importance = 'needed' | 'preferred';

/** Dates as `YYYY-MM-DD`. A range covers the nights from `from` up to, not including, `to` (the day of leaving). */
export interface DateRange {
  from: string;
  to: string;
}

export interface MatchCarer {
  id: string;
  /** Where the carer lives. */
  home: Whereabouts;
  /** The approval terms the scheme decided after the approval panel. */
  approval: {
    /** People the carer may support at once. */
    maxPeople: number;
    arrangementTypes: readonly ArrangementType[];
    /** Support-need categories the carer is approved for, e.g. "learning disability", "dementia". */
    needs: readonly string[];
  };
  /** People supported now. Live-in and day support take a place; live-in people also live in the home. */
  supporting?: readonly { personId: string; arrangement: ArrangementType }[];
  household?: {
    /** Kinds of animal at home, e.g. "dog", "cat". */
    pets?: readonly string[];
    /** Someone smokes in the home. */
    smoking?: boolean;
    /** The carer can support someone who smokes (outside, say). Default true. */
    acceptsSmoker?: boolean;
    stepFree?: boolean;
    /** Free bedrooms for someone to live in or stay overnight. */
    spareBedrooms?: number;
    /** A bathroom a person could have to themselves. */
    ownBathroom?: boolean;
    /** Children living in the home. */
    children?: number;
    /** Adults living in the home other than the carer and people supported. */
    otherAdults?: number;
  };
  languages?: readonly string[];
  faith?: string;
  culture?: readonly string[];
  interests?: readonly string[];
  /** Daily routines in the scheme's words, e.g. "early riser", "quiet evenings". */
  routines?: readonly string[];
  /** What the home and life offer, in the scheme's words, e.g. "garden", "car", "near the sea". Matched against people's wishes. */
  offers?: readonly string[];
  /** What the carer hopes for in someone they support, e.g. "enjoys cooking". Matched against people's `about`. */
  wishes?: readonly string[];
  /** People the carer would most like to support, best first: the carer's side of a stable matching. */
  ranking?: readonly string[];
  /** Short breaks offered: when the carer is free, and the stays already booked (one person each). */
  shortBreaks?: {
    availability: readonly DateRange[];
    bookings: readonly DateRange[];
    /** People on a short break at once. Default: the carer's free places. */
    placesAtOnce?: number;
  };
}

/** A place that matters to the person, e.g. `{ label: 'Mum', kind: 'family' }`. The label is shown as written: "12 miles from Mum". */
export interface PlaceThatMatters {
  label: string;
  kind: 'family' | 'friends' | 'day_service' | 'college' | 'work' | 'other';
  location: Whereabouts;
}

export interface MatchPerson {
  id: string;
  /** Where the person lives now. */
  home: Whereabouts;
  /** The arrangement the person is waiting for. */
  arrangement: ArrangementType;
  /** Support-need categories, e.g. "autism". Every one must be in the carer's approval. */
  needs: readonly string[];
  /** The furthest, in miles, the person would live from `area` (or from home when no area is given). */
  maxMiles?: number;
  /** Where the person would like to live, e.g. `{ name: 'Leeds', latitude, longitude }`. */
  area?: Coordinates & { name?: string };
  household?: {
    stepFree?: Importance;
    ownBathroom?: Importance;
    smokeFree?: Importance;
    /** The person smokes. */
    smokes?: boolean;
    pets?: {
      /** Animals the person cannot live with, or 'any' for a home without pets. */
      notOk?: readonly string[] | 'any';
      /** Animals the person likes being around. */
      likes?: readonly string[];
    };
    /** 'not_ok': the person cannot live with children; 'likes': enjoys children around. */
    children?: 'not_ok' | 'likes';
    /** A quiet home (few people) or a lively one. */
    homeLife?: 'quiet' | 'lively';
    /** People who use Shared Lives the person would like to live with, e.g. a friend. */
    wantsToLiveWith?: readonly { personId: string; name: string }[];
    /** People the person must not live with. */
    mustNotLiveWith?: readonly string[];
  };
  /** Languages the person uses, first language first. */
  languages?: readonly string[];
  faith?: string;
  /** The person wants a carer who shares their faith. */
  faithMatters?: boolean;
  culture?: readonly string[];
  interests?: readonly string[];
  routines?: readonly string[];
  places?: readonly PlaceThatMatters[];
  /** What the person hopes for in a home, matched against carers' offers, e.g. "garden". */
  wishes?: readonly string[];
  /** Things about the person that carers may hope for, matched against carers' wishes, e.g. "enjoys cooking". */
  about?: readonly string[];
  /** Carers the person would most like, best first: the person's side of a stable matching. */
  ranking?: readonly string[];
}

/** A "no" said by the person or by the carer. It excludes the pair everywhere. */
export interface Decline {
  personId: string;
  carerId: string;
  by: 'person' | 'carer';
}

/** The scheme worker's note about one pair: a soft factor, shown as written. The last note given for a pair counts. */
export interface WorkerNote {
  personId: string;
  carerId: string;
  view: 'hopeful' | 'neutral' | 'worried';
  text: string;
}

/** Per-pair facts: the declines and worker's notes the store holds. */
export interface PairFacts {
  declines?: readonly Decline[];
  notes?: readonly WorkerNote[];
}

export const FACTORS = [
  'interests',
  'routines',
  'language',
  'faithAndCulture',
  'placesThatMatter',
  'household',
  'wishes',
  'workerNotes',
] as const;

export type Factor = (typeof FACTORS)[number];

/** Relative weight of each soft factor; only the proportions matter. */
export type SchemeWeights = Record<Factor, number>;

export interface SchemeSettings {
  /** Every scheme's own weights; missing factors keep the default. */
  weights?: Partial<SchemeWeights>;
  /** The scheme's distance limit in miles between the person's area and the carer's home. Default: none. */
  maxMiles?: number;
  /** Places that matter score fully within this many miles (default 2)… */
  nearMiles?: number;
  /** …and not at all beyond this many (default 25). */
  farMiles?: number;
}

/** Who reads an explanation: "you" is the person, or the carer; the scheme worker reads about both. */
export type Audience = 'person' | 'carer' | 'worker';

export const CONSTRAINTS = [
  'arrangement',
  'needs',
  'capacity',
  'bedroom',
  'distance',
  'schemeDistance',
  'pets',
  'smoking',
  'smoker',
  'stepFree',
  'ownBathroom',
  'children',
  'livingWith',
  'personSaidNo',
  'carerSaidNo',
  'dates',
] as const;

export type Constraint = (typeof CONSTRAINTS)[number];

/** Why a pair is excluded, in plain English: "No free place". */
export interface Reason {
  constraint: Constraint;
  text: string;
}

/**
 * One factor's part of a score: `points` out of the score's 100, with what it means. A factor
 * with nothing to compare (`known: false`) scores 0 and says what is not known.
 */
export interface Contribution {
  factor: Factor;
  points: number;
  text: string;
  known: boolean;
}

export interface Suitable {
  suitable: true;
  personId: string;
  carerId: string;
  /** 0–100, two decimals. Only what is known earns points. */
  score: number;
  /** How complete the picture is: the factors with a weight (`of`), and how many of them had something to compare (`known`). */
  known: number;
  of: number;
  /** Miles between the person's area (or home) and the carer's home; null when either is not located. */
  miles: number | null;
  /** Every factor with a weight, largest contribution first, those not known last. */
  contributions: Contribution[];
}

export interface Excluded {
  suitable: false;
  personId: string;
  carerId: string;
  /** Every constraint that failed, in the order of `CONSTRAINTS`. */
  reasons: Reason[];
}

export type PairResult = Suitable | Excluded;

export interface ShortlistOptions {
  /** Keep the best this many (default: all suitable). */
  limit?: number;
  /** Also list every excluded pair with its reasons (default false: it costs time at national scale). */
  includeExcluded?: boolean;
  audience?: Audience;
}

export interface Shortlist {
  suitable: Suitable[];
  excluded: Excluded[];
}
