import { base, en, en_GB, Faker } from '@faker-js/faker';
import type { schemeKind } from '../platform/db/schema.js';
import type { Role } from '../platform/permissions/roles.js';
import type { CarerStage } from '../carers/stages.js';
import { addArrangements, emptyArrangements, type DemoArrangements } from './arrangements.js';
import { addSupportPlans, emptySupportPlans, type DemoSupportPlans } from './support-plans.js';
import { addLivingTogether, emptyLivingTogether, type DemoLivingTogether } from './incidents.js';
import { addReviews, emptyReviews, type DemoReviews } from './reviews.js';
import { addCarers, emptyCarerData, type DemoCarerData } from './carers.js';
import { demoId } from './ids.js';
import { addSchemePeople, emptyPeople, type DemoPeople } from './people.js';
import { Random } from './random.js';
import { addShortBreaks, emptyShortBreaks, type DemoShortBreaks } from './short-breaks.js';
import { DEMO_SIGN_INS as SIGN_INS, LIVES_WITH_CARER_SIGN_IN, SECOND_SCHEME_SIGN_IN, type DemoSignIn } from './sign-ins.js';

export type DemoScale = 'small' | 'national';

export interface DemoScheme {
  id: string;
  name: string;
  kind: (typeof schemeKind.enumValues)[number];
  region: string;
  localAuthority: string;
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
}

export interface DemoMembership {
  id: string;
  userId: string;
  schemeId: string | null;
  role: Role;
}

export interface DemoData {
  /** The day the data's dates count back from. */
  today: string;
  schemes: DemoScheme[];
  users: DemoUser[];
  memberships: DemoMembership[];
  people: DemoPeople;
  carers: DemoCarerData;
  shortBreaks: DemoShortBreaks;
  arrangements: DemoArrangements;
  supportPlans: DemoSupportPlans;
  /** Daily notes and incidents. */
  livingTogether: DemoLivingTogether;
  reviews: DemoReviews;
}

/** How many schemes each nation or English region has at national scale: 148, plus the two small-scale schemes. */
const SCHEMES_BY_REGION: Record<string, number> = {
  'North East': 7,
  'North West': 18,
  'Yorkshire and the Humber': 13,
  'East Midlands': 11,
  'West Midlands': 14,
  'East of England': 14,
  London: 19,
  'South East': 19,
  'South West': 12,
  Wales: 9,
  Scotland: 8,
  'Northern Ireland': 4,
};

const NATIONAL_CARERS = 10_000;

/** The day the demo's dates count back from, unless start-up gives today's. */
export const DEMO_TODAY = '2026-11-02';

/**
 * Fictional schemes and people, the same for the same seed and day. Pure: no database, no clock,
 * no global faker. People's records come from a faker of their own, so they leave the rest unchanged.
 */
export function generateDemo(options: { scale: DemoScale; seed: number; today?: string }): DemoData {
  const faker = new Faker({ locale: [en_GB, en, base], seed: options.seed });
  const demo = demoBuilder(faker, options.today ?? DEMO_TODAY);
  addSmallSchemes(demo);
  if (options.scale === 'national') addNationalSchemes(demo, faker);
  addPeopleRecords(demo.data, new Faker({ locale: [en_GB, en, base], seed: options.seed + 1 }), options.today ?? DEMO_TODAY);
  addCarerRecords(demo.data, new Faker({ locale: [en_GB, en, base], seed: options.seed + 2 }), options.today ?? DEMO_TODAY, options.seed);
  const fixedUser = (role: Role) => demo.data.users.find((u) => u.email === DEMO_SIGN_INS.find((s) => s.role === role)!.email)?.id;
  addShortBreaks(demo.data.shortBreaks, demo.data.carers, demo.data.people, {
    today: options.today ?? DEMO_TODAY,
    seed: options.seed,
    showcaseCarerUserId: fixedUser('carer'),
    showcasePersonUserId: fixedUser('person'),
  });
  addArrangements(demo.data, options.today ?? DEMO_TODAY, options.seed);
  addSupportPlans(demo.data, options.today ?? DEMO_TODAY, options.seed);
  demo.data.livingTogether = emptyLivingTogether(options.scale);
  addLivingTogether(demo.data, options.today ?? DEMO_TODAY, options.seed);
  addReviews(demo.data, options.today ?? DEMO_TODAY, options.seed);
  return demo.data;
}

/** A record for every person sign-in; the small demo's Northbrook walks through every status. */
function addPeopleRecords(data: DemoData, faker: Faker, today: string) {
  const ctx = { faker, today, out: data.people, linkedCircleUsers: new Set<string>() };
  const names = new Map(data.users.map((u) => [u.id, u]));
  const byScheme = new Map<string, DemoMembership[]>();
  for (const m of data.memberships) if (m.schemeId) byScheme.set(m.schemeId, [...(byScheme.get(m.schemeId) ?? []), m]);
  const fixedEmail = (role: Role) => DEMO_SIGN_INS.find((s) => s.role === role)!.email;
  const fixedPerson = data.users.find((u) => u.email === fixedEmail('person'))!.id;
  const fixedCircle = data.users.find((u) => u.email === fixedEmail('circle_member'))!.id;
  const livesWithCarer = data.users.find((u) => u.email === LIVES_WITH_CARER_SIGN_IN.email)!.id;
  data.schemes.forEach((scheme, index) => {
    const members = byScheme.get(scheme.id) ?? [];
    const withRole = (...roles: Role[]) =>
      members.filter((m) => roles.includes(m.role)).map((m) => ({ id: m.userId, name: names.get(m.userId)!.name }));
    const northbrook = index === 0;
    addSchemePeople(ctx, {
      id: scheme.id,
      region: scheme.region,
      town: scheme.name.replace(/ Shared Lives.*$/, ''),
      personUsers: withRole('person'),
      workerIds: withRole('scheme_worker', 'scheme_manager').map((u) => u.id),
      circleUsers: withRole('circle_member'),
      ...(northbrook
        ? { everyStatus: true, fixed: { personUserId: fixedPerson, circleUserId: fixedCircle, livesWithCarerUserId: livesWithCarer } }
        : {}),
    });
  });
}

/** Where the demo's carers live, for postcodes and map positions. */
const REGION_CENTRES: Record<string, readonly [number, number]> = {
  'North East': [54.9, -1.6],
  'North West': [53.7, -2.5],
  'Yorkshire and the Humber': [53.8, -1.3],
  'East Midlands': [52.9, -1.1],
  'West Midlands': [52.5, -2.0],
  'East of England': [52.3, 0.6],
  London: [51.5, -0.1],
  'South East': [51.2, -0.6],
  'South West': [50.9, -3.2],
  Wales: [52.2, -3.6],
  Scotland: [56.2, -3.9],
  'Northern Ireland': [54.6, -6.5],
};

const repeat = (stage: CarerStage, times: number): CarerStage[] => Array.from({ length: times }, () => stage);

/** Northbrook's carers without a sign-in: a few at every stage of the journey, and some who stopped. */
const NORTHBROOK_EXTRA_STAGES: readonly CarerStage[] = [
  ...repeat('enquiry', 4),
  ...repeat('initial_visit', 3),
  ...repeat('assessment', 3),
  ...repeat('checks', 4),
  ...repeat('panel', 2),
  ...repeat('decision', 2),
  ...repeat('withdrawn', 2),
  ...repeat('declined', 2),
  ...repeat('left', 2),
];

/** Carers without a sign-in elsewhere: mostly on the way to approval, some who stopped. */
const NATIONAL_EXTRA_STAGES: readonly (readonly [CarerStage, number])[] = [
  ['enquiry', 20],
  ['initial_visit', 12],
  ['assessment', 15],
  ['checks', 15],
  ['panel', 6],
  ['decision', 4],
  ['withdrawn', 12],
  ['declined', 6],
  ['left', 10],
];

/**
 * A carer's record for every carer sign-in (approved, a few paused), and about one more in eight
 * without a sign-in, on the way or gone: households, checks, reviews, panels. Northbrook shows every stage.
 */
function addCarerRecords(data: DemoData, faker: Faker, today: string, seed: number) {
  const users = new Map(data.users.map((u) => [u.id, u]));
  const byScheme = new Map<string, DemoMembership[]>();
  for (const m of data.memberships) if (m.schemeId) byScheme.set(m.schemeId, [...(byScheme.get(m.schemeId) ?? []), m]);
  data.schemes.forEach((scheme, index) => {
    const members = byScheme.get(scheme.id) ?? [];
    const withRole = (...roles: Role[]) => members.filter((m) => roles.includes(m.role)).map((m) => users.get(m.userId)!);
    const town = scheme.name.replace(/ Shared Lives.*$/, '');
    const random = new Random(seed * 7919 + index);
    const carerUsers = withRole('carer');
    const showcase = index === 0;
    const [lat, lng] = REGION_CENTRES[scheme.region] ?? [53, -1.5];
    addCarers(
      data.carers,
      faker,
      random,
      {
        schemeId: scheme.id,
        town,
        showcase,
        carerUsers,
        staff: withRole('scheme_worker', 'scheme_manager'),
        panelMemberUserIds: withRole('panel_member').map((u) => u.id),
        postcodeArea: town
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 2)
          .toUpperCase()
          .padEnd(2, 'X'),
        centre: showcase ? [53.72, -2.46] : [lat + (random.next() - 0.5) * 1.5, lng + (random.next() - 0.5) * 1.5],
        areas: showcase
          ? ['Northbrook Central', 'Northbrook East', 'Millbank', 'Ashcombe', 'Fellside']
          : ['Central', 'North', 'South', 'East', 'West'].map((side) => `${town} ${side}`),
        extraStages: showcase
          ? NORTHBROOK_EXTRA_STAGES
          : Array.from({ length: Math.max(3, Math.round(carerUsers.length * 0.12)) }, () => random.weighted(NATIONAL_EXTRA_STAGES)),
      },
      today,
      seed,
    );
  });
}

type DemoBuilder = ReturnType<typeof demoBuilder>;

function demoBuilder(faker: Faker, today: string) {
  const data: DemoData = {
    today,
    schemes: [],
    users: [],
    memberships: [],
    people: emptyPeople(),
    carers: emptyCarerData(),
    shortBreaks: emptyShortBreaks(),
    arrangements: emptyArrangements(),
    supportPlans: emptySupportPlans(),
    livingTogether: emptyLivingTogether('small'),
    reviews: emptyReviews(),
  };
  const emailsTaken = new Map<string, number>();

  const join = (userId: string, schemeId: string | null, role: Role) => {
    data.memberships.push({ id: demoId('membership', `${userId}:${schemeId ?? 'national'}:${role}`), userId, schemeId, role });
  };

  const generatedEmail = (firstName: string, lastName: string) => {
    const local = `${slug(firstName)}.${slug(lastName)}`;
    const seen = (emailsTaken.get(local) ?? 0) + 1;
    emailsTaken.set(local, seen);
    return `${seen === 1 ? local : `${local}.${seen}`}@people.hearth.example`;
  };

  return {
    data,
    addScheme(scheme: Omit<DemoScheme, 'id'>): string {
      const id = demoId('scheme', scheme.name);
      data.schemes.push({ id, ...scheme });
      return id;
    },
    /** A fixed sign-in, with a known email and name. */
    addSignIn(schemeId: string | null, signIn: { role: Role; email: string; name: string }) {
      const id = demoId('user', signIn.email);
      data.users.push({ id, email: signIn.email, name: signIn.name });
      join(id, schemeId, signIn.role);
    },
    /** Generated members of a scheme, each with a fictional name and a unique email. */
    addMembers(schemeId: string, role: Role, count: number) {
      for (let i = 0; i < count; i++) {
        const firstName = faker.person.firstName();
        const lastName = faker.person.lastName();
        const email = generatedEmail(firstName, lastName);
        const id = demoId('user', email);
        data.users.push({ id, email, name: `${firstName} ${lastName}` });
        join(id, schemeId, role);
      }
    },
  };
}

/** The fixed sign-ins' fictional names: from a faker of their own, so they are the same whatever seed the demo uses. */
const SIGN_IN_NAMES = (() => {
  const names = new Faker({ locale: [en_GB, en, base], seed: 7 });
  return new Map(
    [...SIGN_INS, SECOND_SCHEME_SIGN_IN, LIVES_WITH_CARER_SIGN_IN].map((s) => [
      s.email,
      `${names.person.firstName()} ${names.person.lastName()}`,
    ]),
  );
})();
const named = (signIn: DemoSignIn) => ({ ...signIn, name: SIGN_IN_NAMES.get(signIn.email)! });

/** One sign-in per role in Northbrook, the first demo scheme, with its fictional name. */
export const DEMO_SIGN_INS = SIGN_INS.map(named);

/** Northbrook, with a sign-in for every role, and Eastmere, a second tenant for cross-scheme checks. */
function addSmallSchemes(demo: DemoBuilder) {
  const northbrook = demo.addScheme({
    name: 'Northbrook Shared Lives (demo)',
    kind: 'both',
    region: 'North West',
    localAuthority: 'Northbrook Council',
  });
  for (const signIn of DEMO_SIGN_INS) demo.addSignIn(signIn.role === 'national_admin' ? null : northbrook, signIn);
  demo.addMembers(northbrook, 'scheme_worker', 1);
  demo.addMembers(northbrook, 'carer', 30);
  demo.addMembers(northbrook, 'person', 30);
  demo.addMembers(northbrook, 'circle_member', 4);
  demo.addMembers(northbrook, 'ambassador', 2);
  demo.addMembers(northbrook, 'panel_member', 2);
  demo.addSignIn(northbrook, named(LIVES_WITH_CARER_SIGN_IN));

  const eastmere = demo.addScheme({
    name: 'Eastmere Shared Lives (demo)',
    kind: 'shared_lives',
    region: 'East of England',
    localAuthority: 'Eastmere Council',
  });
  demo.addSignIn(eastmere, named(SECOND_SCHEME_SIGN_IN));
  demo.addMembers(eastmere, 'scheme_worker', 1);
  demo.addMembers(eastmere, 'carer', 4);
  demo.addMembers(eastmere, 'person', 5);
}

/** About 150 schemes of uneven size, roughly 10,000 carers and 13,000 people who use Shared Lives. */
function addNationalSchemes(demo: DemoBuilder, faker: Faker) {
  const towns = fictionalTowns(
    faker,
    Object.values(SCHEMES_BY_REGION).reduce((a, b) => a + b, 0),
  );
  const sizes = towns.map(() => Math.exp(0.7 * gaussian(faker)));
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  let index = 0;
  for (const [region, count] of Object.entries(SCHEMES_BY_REGION)) {
    for (let i = 0; i < count; i++, index++) {
      const town = towns[index]!;
      const schemeId = demo.addScheme({
        name: `${town} Shared Lives`,
        kind: faker.helpers.weightedArrayElement([
          { weight: 85, value: 'shared_lives' },
          { weight: 15, value: 'both' },
        ]),
        region,
        localAuthority: `${town} Council`,
      });
      const carers = Math.min(400, Math.max(8, Math.round((NATIONAL_CARERS * sizes[index]!) / totalSize)));
      demo.addMembers(schemeId, 'scheme_manager', 1);
      demo.addMembers(schemeId, 'scheme_worker', faker.number.int({ min: 1, max: 4 }));
      demo.addMembers(schemeId, 'carer', carers);
      demo.addMembers(schemeId, 'person', Math.round(carers * faker.number.float({ min: 1.05, max: 1.55 })));
    }
  }
}

/** Made-up town names (faker's are invented, e.g. "Upper Kubwick"), unique and short enough to read. */
function fictionalTowns(faker: Faker, count: number): string[] {
  const towns = new Set<string>();
  while (towns.size < count) {
    const town = faker.location.city();
    if (town.length <= 20 && !/northbrook|eastmere/i.test(town)) towns.add(town);
  }
  return [...towns];
}

/** A standard normal draw (Box–Muller), so scheme sizes are skewed like real ones: many small, a few large. */
function gaussian(faker: Faker): number {
  const u = 1 - faker.number.float({ min: 0, max: 1 });
  const v = faker.number.float({ min: 0, max: 1 });
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
