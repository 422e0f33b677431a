import { ageOn, type IsoDate } from '../platform/dates.js';

export interface Home {
  bedrooms: number | null;
  spareBedrooms: number | null;
  stepFree: boolean | null;
  ownBathroom: boolean | null;
  smoking: Smoking | null;
  pets: string | null;
  languages: string[];
  faith: string | null;
  culture: string | null;
  interests: string[];
  routines: string | null;
}

/** Who in a household is an adult, and so needs their own checks (DBS for every adult). */
export const ADULT_AGE = 18;

export const isAdult = (dateOfBirth: IsoDate, on: IsoDate) => ageOn(dateOfBirth, on) >= ADULT_AGE;

export interface Member {
  id: string;
  name: string;
  dateOfBirth: IsoDate;
  movedOutOn: IsoDate | null;
}

/** People living in the home on a date: not yet moved out. */
export const livingThere = <M extends Member>(members: readonly M[], on: IsoDate) =>
  members.filter((m) => m.movedOutOn === null || m.movedOutOn > on);

export const adultsLivingThere = <M extends Member>(members: readonly M[], on: IsoDate) =>
  livingThere(members, on).filter((m) => isAdult(m.dateOfBirth, on));

export const SMOKING = ['no', 'outside', 'inside'] as const;
export type Smoking = (typeof SMOKING)[number];
export const SMOKING_NAMES: Record<Smoking, string> = {
  no: 'No one smokes',
  outside: 'Someone smokes, outside only',
  inside: 'Someone smokes indoors',
};

/** "Welsh, British Sign Language" → ["Welsh", "British Sign Language"]: lists typed with commas. */
export const splitList = (text: string | null | undefined): string[] =>
  [
    ...new Set(
      (text ?? '')
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 30);

const yesNo = (value: boolean | null) => (value === null ? 'Not known' : value ? 'Yes' : 'No');

/** The home as a panel or a worker reads it: every part, saying when something is not known. */
export function homeSummary(home: Home): { label: string; value: string }[] {
  return [
    { label: 'Bedrooms', value: home.bedrooms === null ? 'Not known' : `${home.bedrooms} (${home.spareBedrooms ?? 0} spare)` },
    { label: 'Step-free access', value: yesNo(home.stepFree) },
    { label: 'Own bathroom for the person', value: yesNo(home.ownBathroom) },
    { label: 'Smoking', value: home.smoking ? SMOKING_NAMES[home.smoking] : 'Not known' },
    { label: 'Pets', value: home.pets ?? 'None' },
    { label: 'Languages spoken', value: home.languages.join(', ') || 'Not recorded' },
    { label: 'Faith', value: home.faith ?? 'Not recorded' },
    { label: 'Culture', value: home.culture ?? 'Not recorded' },
    { label: 'Interests', value: home.interests.join(', ') || 'Not recorded' },
    { label: 'Routines', value: home.routines ?? 'Not recorded' },
  ];
}
