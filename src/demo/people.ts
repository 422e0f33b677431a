import type { Faker } from '@faker-js/faker';
import type {
  circleConsents,
  circleMembers,
  communicationNeeds,
  matchingPreferences,
  needsSummaries,
  onePageProfiles,
  people,
  personStatusChanges,
  personPlaces,
  personSupportNeeds,
  referrals,
  risks,
  supportNeedCategories,
} from '../people/schema.js';
import type { ArrangementType, PersonStatus } from '../people/status.js';
import { COMMUNICATION_NEEDS, CONTACT_METHODS, DEFAULT_SUPPORT_NEEDS, type ConsentArea } from '../people/words.js';
import { demoId } from './ids.js';

/** Fictional people who use Shared Lives and what is recorded with them, ready to load. */
export interface DemoPeople {
  categories: (typeof supportNeedCategories.$inferInsert)[];
  people: (typeof people.$inferInsert)[];
  statusChanges: (typeof personStatusChanges.$inferInsert)[];
  referrals: (typeof referrals.$inferInsert)[];
  profiles: (typeof onePageProfiles.$inferInsert)[];
  communication: (typeof communicationNeeds.$inferInsert)[];
  needs: (typeof personSupportNeeds.$inferInsert)[];
  summaries: (typeof needsSummaries.$inferInsert)[];
  preferences: (typeof matchingPreferences.$inferInsert)[];
  risks: (typeof risks.$inferInsert)[];
  places: (typeof personPlaces.$inferInsert)[];
  circleMembers: (typeof circleMembers.$inferInsert)[];
  consents: (typeof circleConsents.$inferInsert)[];
}

export interface SchemeForPeople {
  id: string;
  region: string;
  town: string;
  /** Users with the role "person": each gets a record. */
  personUsers: { id: string; name: string }[];
  workerIds: string[];
  circleUsers: { id: string; name: string }[];
  /** The fixed sign-ins: the person waiting for a match, and their consented circle member. */
  fixed?: { personUserId: string; circleUserId: string };
  /** Every status, in this order, for the first people: the small demo's walk through the journey. */
  everyStatus?: boolean;
}

const JOURNEY: PersonStatus[] = ['referred', 'assessing', 'waiting', 'introductions', 'supported', 'moved_on'];

/** The small demo's spread: every status, most people supported or waiting. */
const SMALL_SPREAD: PersonStatus[] = [
  'waiting',
  'referred',
  'assessing',
  'introductions',
  'supported',
  'moved_on',
  'declined',
  'referred',
  'referred',
  'referred',
  'assessing',
  'assessing',
  'assessing',
  'waiting',
  'waiting',
  'waiting',
  'waiting',
  'waiting',
  'waiting',
  'waiting',
  'introductions',
  'introductions',
  'supported',
  'supported',
  'supported',
  'supported',
  'supported',
  'supported',
  'supported',
  'moved_on',
  'declined',
];

const REGION_CENTRES: Record<string, [number, number]> = {
  'North East': [54.9, -1.6],
  'North West': [53.6, -2.6],
  'Yorkshire and the Humber': [53.8, -1.4],
  'East Midlands': [52.9, -1.1],
  'West Midlands': [52.5, -2.0],
  'East of England': [52.2, 0.6],
  London: [51.5, -0.1],
  'South East': [51.2, -0.6],
  'South West': [50.9, -3.3],
  Wales: [52.2, -3.6],
  Scotland: [56.2, -3.9],
  'Northern Ireland': [54.6, -6.3],
};

const AREAS = ['Riverside', 'Hillside', 'Old Town', 'Green Lanes', 'Mill End', 'Ashcombe', 'Station Road', 'Westfield'];
const LIKE = [
  'I am kind and I always say hello',
  'People say I have a great laugh',
  'I remember everyone’s birthday',
  'I work hard on my allotment',
  'I am a loyal friend',
  'I make a brilliant cup of tea',
  'I am honest and say what I think',
  'I am gentle with animals',
  'I am good with computers',
  'I am a great dancer',
  'I notice when people are sad',
  'I tell good stories about the old days',
];
const IMPORTANT = [
  'Seeing my mum every Sunday',
  'Going to church',
  'My cat, Pickle',
  'Watching the football on Saturdays',
  'Having my own room with my things',
  'Going to my day centre on Tuesdays',
  'Music, especially Motown',
  'Making my own breakfast',
  'Keeping my routine the same every day',
  'Speaking Urdu at home',
  'My job at the garden centre',
  'Phoning my brother in the evening',
  'Swimming on Fridays',
  'Halal food',
];
const SUPPORT = [
  'Give me time to answer',
  'Show me pictures when you explain something new',
  'Remind me about my tablets in the morning',
  'Tell me about changes a few days before',
  'Speak slowly and check I have understood',
  'Help me with money and bills',
  'Do not rush me in the mornings',
  'If I am upset, give me some quiet time',
  'Help me get to appointments on the bus',
  'Help me cook, but let me do it myself',
];
const REASONS = [
  'Living with elderly parents who can no longer support him at home',
  'Leaving hospital after a long stay and wants a family home',
  'Wants to move out of a residential care home',
  'Her family carer needs regular breaks',
  'Leaving supported living and wants a quieter home',
  'Isolated at home and wants company and things to do in the day',
  'Leaving prison and needs a settled home',
  'Living alone after his wife died and struggling',
];
const WANTS = [
  'To live with a family near my sister',
  'A quiet home with a garden',
  'Short breaks once a month so Mum can rest',
  'Day support with someone who likes fishing',
  'To live somewhere I can keep my dog',
  'A home near my work',
  'To learn to cook and travel on my own',
  'To be near my church and my friends',
];
const ORGANISATIONS = [
  'adult social care',
  'community learning disability team',
  'General Hospital discharge team',
  'community mental health team',
  'memory clinic',
];
const INTERESTS = [
  'gardening',
  'football',
  'baking',
  'music',
  'swimming',
  'fishing',
  'art',
  'computer games',
  'walking',
  'bingo',
  'church',
  'animals',
  'dancing',
  'films',
  'trains',
];
const LANGUAGES = ['English', 'English', 'English', 'English', 'Urdu', 'Polish', 'Welsh', 'Punjabi', 'British Sign Language', 'Gujarati'];
const FAITHS = [null, null, 'Christian', 'Muslim', 'Sikh', 'Hindu', 'Jewish', 'No religion'];
const RISKS = [
  ['Seizures at night', 'Bed sensor; carer trained in the seizure plan'],
  ['May get lost on new routes', 'Practises routes with a carer first; carries a card with a phone number'],
  ['Forgets to eat when anxious', 'Regular meal times written on the kitchen calendar'],
  ['May be taken advantage of with money', 'Keeps a small amount of cash; bank card with a limit'],
  ['Falls when tired', 'Grab rails; walking frame upstairs'],
  ['Becomes distressed in crowds', 'Goes to town at quiet times; has headphones'],
];
const ARRANGEMENT_WISHES = ['live_in', 'live_in', 'live_in', 'live_in', 'short_breaks', 'day_support'] as const;
const MOVED_ON = [
  'Moved into her own flat with support',
  'Moved to a nursing home as his needs grew',
  'Moved back to live with family',
  'Chose a supported living service',
];
const DECLINED = [
  'Needs nursing care the scheme cannot give',
  'Wanted a service in another county',
  'Decided not to go ahead',
  'Needs are met by his current support',
];

export interface PeopleContext {
  faker: Faker;
  today: string;
  out: DemoPeople;
  linkedCircleUsers: Set<string>;
}
type Context = PeopleContext;

export const emptyPeople = (): DemoPeople => ({
  categories: [],
  people: [],
  statusChanges: [],
  referrals: [],
  profiles: [],
  communication: [],
  needs: [],
  summaries: [],
  preferences: [],
  risks: [],
  places: [],
  circleMembers: [],
  consents: [],
});

/** Adds one scheme's people: a record for each person sign-in, at a spread of statuses, with what assessment records. */
export function addSchemePeople(ctx: Context, scheme: SchemeForPeople) {
  const { faker, out } = ctx;
  const categoryIds = DEFAULT_SUPPORT_NEEDS.map((name) => {
    const id = demoId('category', `${scheme.id}:${name}`);
    out.categories.push({ id, schemeId: scheme.id, name });
    return id;
  });
  const centre = REGION_CENTRES[scheme.region] ?? [53, -1.5];
  const prefix = scheme.town
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 2)
    .toUpperCase()
    .padEnd(2, 'X');
  scheme.personUsers.forEach((user, index) => {
    const fixed = scheme.fixed?.personUserId === user.id;
    const status = fixed ? 'waiting' : scheme.everyStatus ? SMALL_SPREAD[index % SMALL_SPREAD.length]! : nationalStatus(faker);
    const personId = demoId('person', `${scheme.id}:${user.id}`);
    const dates = journeyDates(faker, ctx.today, status, fixed);
    const arrangementTypes: ArrangementType[] = status === 'supported' ? pickArrangements(faker) : [];
    const [lat, lon] = [centre[0] + faker.number.float({ min: -0.15, max: 0.15 }), centre[1] + faker.number.float({ min: -0.2, max: 0.2 })];
    out.people.push({
      id: personId,
      schemeId: scheme.id,
      name: user.name,
      userId: user.id,
      preferredName: faker.datatype.boolean(0.25) ? user.name.split(' ')[0]!.slice(0, 4) : null,
      dateOfBirth: faker.date
        .birthdate({ mode: 'age', min: 19, max: 84, refDate: `${ctx.today}T12:00:00Z` })
        .toISOString()
        .slice(0, 10),
      phone: faker.datatype.boolean(0.7) ? `07700 900${String(faker.number.int({ min: 0, max: 999 })).padStart(3, '0')}` : null,
      address: `${faker.number.int({ min: 1, max: 180 })} ${faker.location.street()}, ${scheme.town}`,
      postcode: `${prefix}${faker.number.int({ min: 1, max: 9 })} ${faker.number.int({ min: 1, max: 9 })}${faker.string.alpha({ length: 2, casing: 'upper', exclude: ['C', 'I', 'K', 'M', 'O', 'V'] })}`,
      area: faker.helpers.arrayElement(AREAS),
      latitude: Math.round(lat * 1e5) / 1e5,
      longitude: Math.round(lon * 1e5) / 1e5,
      workerUserId: status === 'referred' && faker.datatype.boolean(0.5) ? null : faker.helpers.arrayElement(scheme.workerIds),
      status,
      statusSince: dates.at(-1)!.on,
      arrangementTypes,
    });
    addJourney(ctx, scheme.id, personId, dates, arrangementTypes, scheme.workerIds);
    if (fixed) addPlaces(ctx, scheme.id, personId, `${prefix}1`, lat, lon);
    if (status === 'referred' || status === 'declined') return;
    const assessed = status !== 'assessing' || faker.datatype.boolean(0.5);
    if (assessed || fixed) addAssessment(ctx, scheme.id, personId, categoryIds, fixed, dates[1]!.on);
    addCircle(ctx, scheme, personId, user.id, fixed);
  });
}

/**
 * The fixed person sign-in's places that matter, a little way from home: matching shows each carer's
 * distance to them. Fixed, not drawn, so the faker's other draws stay as they were.
 */
function addPlaces({ out }: Context, schemeId: string, personId: string, district: string, lat: number, lon: number) {
  const near = (north: number, east: number) => ({
    latitude: Math.round((lat + north) * 1e5) / 1e5,
    longitude: Math.round((lon + east) * 1e5) / 1e5,
  });
  out.places.push(
    {
      id: demoId('place', `${personId}:sister`),
      schemeId,
      personId,
      label: 'Ruth, her sister',
      kind: 'family',
      postcode: `${district} 4RS`,
      ...near(0.03, 0.04),
    },
    {
      id: demoId('place', `${personId}:day`),
      schemeId,
      personId,
      label: 'Riverside day centre',
      kind: 'day_service',
      postcode: `${district} 2DC`,
      ...near(-0.01, 0.01),
    },
  );
}

function nationalStatus(faker: Faker): PersonStatus {
  return faker.helpers.weightedArrayElement<PersonStatus>([
    { weight: 5, value: 'referred' },
    { weight: 8, value: 'assessing' },
    { weight: 13, value: 'waiting' },
    { weight: 4, value: 'introductions' },
    { weight: 59, value: 'supported' },
    { weight: 8, value: 'moved_on' },
    { weight: 3, value: 'declined' },
  ]);
}

function pickArrangements(faker: Faker): ArrangementType[] {
  return faker.helpers.weightedArrayElement<ArrangementType[]>([
    { weight: 50, value: ['live_in'] },
    { weight: 25, value: ['short_breaks'] },
    { weight: 15, value: ['day_support'] },
    { weight: 10, value: ['short_breaks', 'day_support'] },
  ]);
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The steps to reach a status, dated backwards from today, each some weeks after the one before. */
function journeyDates(faker: Faker, today: string, status: PersonStatus, fixed: boolean) {
  const steps: PersonStatus[] = status === 'declined' ? ['referred', 'declined'] : JOURNEY.slice(0, JOURNEY.indexOf(status) + 1);
  const gaps: Record<PersonStatus, [number, number]> = {
    referred: [3, 40],
    assessing: [14, 90],
    waiting: [10, 420],
    introductions: [7, 60],
    supported: [30, 2500],
    moved_on: [20, 900],
    declined: [5, 300],
  };
  let on = today;
  const dated: { status: PersonStatus; on: string }[] = [];
  for (const step of [...steps].reverse()) {
    const [min, max] = fixed && step === 'waiting' ? [120, 120] : gaps[step];
    on = addDays(on, -faker.number.int({ min, max }));
    dated.unshift({ status: step, on });
  }
  return dated;
}

function addJourney(
  ctx: Context,
  schemeId: string,
  personId: string,
  dates: { status: PersonStatus; on: string }[],
  types: ArrangementType[],
  workers: string[],
) {
  const { faker, out } = ctx;
  const source = faker.helpers.weightedArrayElement([
    { weight: 55, value: 'social_worker' as const },
    { weight: 15, value: 'health' as const },
    { weight: 18, value: 'family' as const },
    { weight: 7, value: 'self' as const },
    { weight: 5, value: 'other' as const },
  ]);
  const final = dates.at(-1)!.status;
  const decided = dates[1];
  out.referrals.push({
    id: demoId('referral', personId),
    schemeId,
    personId,
    source,
    referrerName: source === 'self' ? null : `${faker.person.firstName()} ${faker.person.lastName()}`,
    referrerOrganisation: source === 'social_worker' || source === 'health' ? `Council ${faker.helpers.arrayElement(ORGANISATIONS)}` : null,
    referrerContact: source === 'self' ? null : `01632 960${String(faker.number.int({ min: 0, max: 999 })).padStart(3, '0')}`,
    receivedOn: dates[0]!.on,
    reason: faker.helpers.arrayElement(REASONS),
    whatTheyWant: faker.helpers.arrayElement(WANTS),
    urgency: faker.helpers.weightedArrayElement([
      { weight: 15, value: 'urgent' as const },
      { weight: 35, value: 'soon' as const },
      { weight: 50, value: 'routine' as const },
    ]),
    recordedByUserId: faker.helpers.arrayElement(workers),
    ...(decided
      ? {
          decision: final === 'declined' ? ('declined' as const) : ('accepted' as const),
          decidedOn: decided.on,
          decidedByUserId: faker.helpers.arrayElement(workers),
          decisionReason: final === 'declined' ? faker.helpers.arrayElement(DECLINED) : null,
        }
      : {}),
  });
  dates.forEach((step, i) => {
    out.statusChanges.push({
      id: demoId('status change', `${personId}:${i}`),
      schemeId,
      personId,
      fromStatus: i ? dates[i - 1]!.status : null,
      toStatus: step.status,
      on: step.on,
      arrangementTypes: step.status === 'supported' ? types : [],
      reason:
        step.status === 'moved_on'
          ? faker.helpers.arrayElement(MOVED_ON)
          : step.status === 'declined'
            ? faker.helpers.arrayElement(DECLINED)
            : null,
      recordedByUserId: faker.helpers.arrayElement(workers),
      recordedAt: new Date(`${step.on}T10:00:00Z`),
    });
  });
}

function addAssessment(ctx: Context, schemeId: string, personId: string, categoryIds: string[], fixed: boolean, assessedFrom: string) {
  const { faker, out } = ctx;
  const versions = fixed
    ? 2
    : faker.helpers.weightedArrayElement([
        { weight: 15, value: 0 },
        { weight: 70, value: 1 },
        { weight: 15, value: 2 },
      ]);
  for (let version = 1; version <= versions; version++) {
    out.profiles.push({
      id: demoId('profile', `${personId}:${version}`),
      schemeId,
      personId,
      version,
      likeAndAdmire: faker.helpers.arrayElements(LIKE, { min: 2, max: 3 }).join('. ') + '.',
      importantToMe: faker.helpers.arrayElements(IMPORTANT, { min: 2, max: 4 }).join('. ') + '.',
      howToSupportMe: faker.helpers.arrayElements(SUPPORT, { min: 2, max: 4 }).join('. ') + '.',
      writtenWith: faker.helpers.arrayElement([
        'me and my key worker',
        'me and my mum',
        'me, my sister and the scheme worker',
        'me and my advocate',
      ]),
      inOwnWords: fixed || faker.datatype.boolean(0.75),
      createdAt: new Date(`${[addDays(assessedFrom, version * 7), ctx.today].sort()[0]}T1${version}:00:00Z`),
    });
  }
  if (fixed || faker.datatype.boolean(0.85)) {
    const hasNeeds = fixed || faker.datatype.boolean(0.6);
    const needs = fixed
      ? ['easy_read' as const, 'reader' as const]
      : hasNeeds
        ? faker.helpers.arrayElements(
            COMMUNICATION_NEEDS.filter((n) => n !== 'other'),
            { min: 1, max: 2 },
          )
        : [];
    out.communication.push({
      personId,
      schemeId,
      needs,
      preferredContact: fixed ? 'text_message' : faker.helpers.arrayElement(CONTACT_METHODS),
      notes: fixed
        ? 'Likes letters read with her, slowly, by someone she knows'
        : hasNeeds && faker.datatype.boolean(0.4)
          ? 'Check they have understood before moving on'
          : null,
    });
  }
  for (const categoryId of faker.helpers.arrayElements(categoryIds.slice(0, 8), { min: 1, max: 3 }))
    out.needs.push({ schemeId, personId, categoryId });
  out.summaries.push({
    personId,
    schemeId,
    supportNeeds: faker.helpers.arrayElement([
      'Needs help with cooking, money and getting to appointments',
      'Needs prompting with personal care and a calm routine',
      'Independent at home; needs support out and about',
    ]),
    health: faker.helpers.arrayElement([
      'Epilepsy, well controlled',
      'Type 2 diabetes',
      'Asthma',
      'No health conditions known',
      'Anxiety; sees the GP monthly',
    ]),
    medication: faker.helpers.arrayElement([
      'Takes tablets morning and evening; needs reminding',
      'None',
      'Inhaler as needed',
      'Insulin, which they manage themselves',
    ]),
  });
  const preferences = {
    personId,
    schemeId,
    areas: faker.helpers.arrayElement(AREAS),
    maxDistanceMiles: faker.helpers.arrayElement([5, 10, 15, 20, null]),
    household: faker.helpers.arrayElement(['A quiet household', 'A busy family home', 'A couple with no other people supported', null]),
    children: faker.helpers.arrayElement(['would_like', 'fine', 'not_wanted', null] as const),
    pets: fixed ? 'would_like' : faker.helpers.arrayElement(['would_like', 'fine', 'not_wanted', null] as const),
    smoking: faker.helpers.arrayElement(['fine', 'not_wanted', 'not_wanted', null] as const),
    faith: faker.helpers.arrayElement(FAITHS),
    culture: null,
    languages: [...new Set(['English', faker.helpers.arrayElement(LANGUAGES)])],
    interests: faker.helpers.arrayElements(INTERESTS, { min: 1, max: 4 }),
    routines: faker.helpers.arrayElement(['Up early; in bed by ten', 'Day centre on weekdays', 'Church on Sunday mornings', null]),
    liveWithOrNear: faker.helpers.arrayElement(['Near my sister', 'Near my day centre', 'Near my work', null]),
    // Most wait for a home; some for short breaks or day support. From the id, so the faker's other draws stay as they were.
    arrangement: fixed ? 'live_in' : ARRANGEMENT_WISHES[parseInt(personId.slice(-2), 16) % ARRANGEMENT_WISHES.length]!,
  };
  // The fixed person sign-in can live with children and near smokers, within 15 miles: matching finds them carers.
  out.preferences.push(fixed ? { ...preferences, maxDistanceMiles: 15, children: 'fine', smoking: 'fine' } : preferences);
  faker.helpers.arrayElements(RISKS, { min: 0, max: 2 }).forEach(([risk, steps], i) => {
    out.risks.push({
      id: demoId('risk', `${personId}:${i}`),
      schemeId,
      personId,
      risk: risk!,
      positiveSteps: steps!,
      agreedWith: 'The person, their family and the scheme',
    });
  });
}

function addCircle(ctx: Context, scheme: SchemeForPeople, personId: string, personUserId: string, fixed: boolean) {
  const { faker, out } = ctx;
  const add = (
    i: number,
    name: string,
    relationship: 'family' | 'friend' | 'advocate' | 'social_worker',
    detail: string | null,
    userId: string | null,
    areas: ConsentArea[],
  ) => {
    const id = demoId('circle member', `${personId}:${i}`);
    out.circleMembers.push({
      id,
      schemeId: scheme.id,
      personId,
      name,
      relationship,
      relationshipDetail: detail,
      userId,
      phone: `07700 900${String(faker.number.int({ min: 0, max: 999 })).padStart(3, '0')}`,
    });
    for (const area of areas)
      out.consents.push({
        id: demoId('consent', `${id}:${area}`),
        schemeId: scheme.id,
        personId,
        circleMemberId: id,
        area,
        recordedByUserId: scheme.workerIds[0],
      });
  };
  if (fixed) {
    const circle = scheme.circleUsers.find((u) => u.id === scheme.fixed!.circleUserId)!;
    add(0, circle.name, 'family', 'sister', circle.id, ['profile', 'support_plan', 'matching']);
    add(1, `${faker.person.firstName()} ${faker.person.lastName()}`, 'social_worker', null, null, ['support_plan']);
    return;
  }
  const linked = scheme.circleUsers.filter((u) => u.id !== scheme.fixed?.circleUserId)[
    Math.abs(hash(personUserId)) % Math.max(1, scheme.circleUsers.length)
  ];
  const count = faker.number.int({ min: 0, max: 3 });
  for (let i = 0; i < count; i++) {
    const relationship = faker.helpers.arrayElement(['family', 'family', 'friend', 'advocate', 'social_worker'] as const);
    const useSignIn = i === 0 && linked !== undefined && !ctx.linkedCircleUsers.has(linked.id);
    if (useSignIn) ctx.linkedCircleUsers.add(linked.id);
    add(
      i,
      useSignIn ? linked.name : `${faker.person.firstName()} ${faker.person.lastName()}`,
      relationship,
      relationship === 'family' ? faker.helpers.arrayElement(['mother', 'father', 'brother', 'sister', 'aunt', 'son']) : null,
      useSignIn ? linked.id : null,
      faker.helpers.arrayElements(['profile', 'support_plan', 'matching'] as const, { min: useSignIn ? 1 : 0, max: 2 }),
    );
  }
}

function hash(text: string) {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
