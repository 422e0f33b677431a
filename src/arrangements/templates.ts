import type { Funder } from './status.js';

/**
 * Agreements are written from each scheme's templates: plain text with placeholders in braces,
 * like {person} or {start date}, filled from the arrangement. Pure, so the same text is issued
 * on every page and in every test.
 */
export const AGREEMENT_KINDS = ['arrangement', 'household'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_KIND_NAMES: Record<AgreementKind, string> = {
  arrangement: 'Shared Lives arrangement agreement',
  household: 'Household (licence) agreement',
};

export const AGREEMENT_KIND_HINTS: Record<AgreementKind, string> = {
  arrangement: 'For every arrangement: what the person, the carer and the scheme each agree to.',
  household: 'For live-in arrangements only: living in the carer’s home, the room, rent and house rules.',
};

/** Which agreements an arrangement of this type has. */
export const agreementKindsFor = (type: string): AgreementKind[] => (type === 'live_in' ? ['arrangement', 'household'] : ['arrangement']);

export const PLACEHOLDERS = ['person', 'carer', 'start date', 'planned end', 'type', 'funding', 'scheme', 'worker'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type AgreementDetails = Record<Placeholder, string>;

export const PLACEHOLDER_HINTS: Record<Placeholder, string> = {
  person: 'the person’s name',
  carer: 'the Shared Lives carer’s name',
  'start date': 'the day the arrangement starts',
  'planned end': 'the planned end, or “no end date is planned”',
  type: 'live-in, short breaks or day support',
  funding: 'who pays for the support',
  scheme: 'the scheme’s name',
  worker: 'the scheme worker’s name',
};

const PATTERN = /\{([a-z ]+)\}/gi;

/** Fills every known placeholder (any case, any spacing inside the braces); leaves unknown ones as written. */
export function fillTemplate(text: string, details: AgreementDetails): string {
  return text.replace(PATTERN, (whole, name: string) => {
    const key = name.trim().replace(/\s+/g, ' ').toLowerCase() as Placeholder;
    return PLACEHOLDERS.includes(key) ? details[key] : whole;
  });
}

/** Placeholders a template uses that Hearth does not know: shown to the manager before saving. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = [...text.matchAll(PATTERN)]
    .map((m) => m[1]!.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter((n) => !PLACEHOLDERS.includes(n as Placeholder));
  return [...new Set(unknown)];
}

/** Who pays, as a sentence in an agreement says it: "the council (Testford adult social care)". */
export function fundingWords(funder: Funder, detail: string | null, person: string): string {
  const words: Record<Funder, string> = {
    council: 'the council',
    nhs: 'the NHS',
    personal_budget: `${person}’s personal budget`,
    direct_payment: `${person}’s direct payment`,
    self_funded: `${person} themselves`,
  };
  return detail ? `${words[funder]} (${detail})` : words[funder];
}

export interface DefaultTemplate {
  kind: AgreementKind;
  title: string;
  body: string;
  easyRead: string;
}

/**
 * Every scheme starts with these, in plain English, and its manager changes them at
 * /arrangements/settings/agreements. (The custom migration gives existing schemes the same text.)
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    kind: 'arrangement',
    title: 'Shared Lives arrangement agreement',
    body: `This agreement is between {person}, {carer} (the Shared Lives carer) and {scheme}.

The arrangement: {type}, starting on {start date}. {planned end}. Support is paid for by {funding}. The scheme worker is {worker}.

{person} agrees to:
- say what support they want, and what is important to them;
- tell {carer} or {worker} if something is not right.

{carer} agrees to:
- give the support written in {person}'s support plan, in a way that respects their choices;
- keep short daily notes, and tell the scheme at once about any worry, accident or concern;
- keep their checks and training up to date, and let the scheme visit.

{scheme} agrees to:
- visit and review the arrangement regularly, starting with the person's own view;
- support {carer}, and pay them as agreed;
- listen to everyone, and help if things go wrong.

Anyone can ask to change or end this agreement. We will talk about it together first. Personal information is kept safe and shared only as the law allows.`,
    easyRead: `This is about you living or spending time with {carer}.

You, {carer} and {scheme} all say yes to this agreement.

Your support is {type}. It starts on {start date}.

{carer} will help you in the way you want. Your support plan says how.

Your scheme worker is {worker}. They will visit you. They will ask what you think first.

If you are not happy, tell {carer} or {worker}. You can change your mind.`,
  },
  {
    kind: 'household',
    title: 'Household (licence) agreement',
    body: `This agreement is between {person} and {carer}, for {person} living in {carer}'s home from {start date}, as part of a Shared Lives arrangement with {scheme}.

{person} has their own bedroom, which others enter only when invited or in an emergency, and shares the kitchen, bathroom and living rooms with the household.

Rent and living costs are agreed separately and written down; {person} pays them from their own money or benefits, and gets a receipt.

House rules are agreed together and written down, and can be changed together. Visitors are welcome at agreed times.

This is a licence, not a tenancy: {person} lives in {carer}'s family home. Either of them can end it with 28 days' notice, or sooner in an emergency; {worker} at {scheme} will help find what happens next. It ends when the Shared Lives arrangement ends.`,
    easyRead: `This is about living in {carer}'s home.

You have your own bedroom. People knock before they come in.

You share the kitchen, bathroom and living room.

You pay rent and money for food. You get a receipt.

You and {carer} agree the house rules together.

If you want to move out, tell {carer} or {worker}. They will help you.`,
  },
];
