import { ageOn, type IsoDate } from './dates.js';

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
  [...new Set((text ?? '').split(/[,;\n]/).map((s) => s.trim()).filter(Boolean))].slice(0, 30);
