import { z } from 'zod';
import { checkboxes, choice, onceValid, optionalText, text } from '../platform/forms/fields.js';
import { dateInput, optionalDateInput, withDateInputs } from '../platform/forms/date-input.js';
import { optionalPostcode } from '../platform/forms/postcode.js';
import { listOfText, optionalEmail, optionalPhone, yesNo } from './fields.js';
import { ARRANGEMENT_TYPES, PERSON_STATUSES } from './status.js';
import {
  CIRCLE_RELATIONSHIPS,
  COMMUNICATION_NEEDS,
  CONSENT_AREAS,
  CONTACT_METHODS,
  HOUSEHOLD_ANSWERS,
  PLACE_KINDS,
  REFERRAL_SOURCES,
  URGENCIES,
} from './words.js';

/** The people's forms, each a Zod schema read by submitForm: every message says what to do. */

const optionalUuid = z
  .union([z.literal(''), z.uuid({ error: 'Choose from the list' })])
  .optional()
  .transform((v) => v || null);
const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values, { error: 'Choose from the list' })])
    .optional()
    .transform((v) => v || null);

const personFields = {
  name: text('Enter their full name', { max: 120, label: 'Full name' }),
  preferredName: optionalText({ max: 60, label: 'Preferred name' }),
  dateOfBirth: optionalDateInput({ label: 'Date of birth', when: 'past' }),
  email: optionalEmail,
  phone: optionalPhone,
  address: optionalText({ max: 300, label: 'Address' }),
  postcode: optionalPostcode(),
  workerUserId: optionalUuid,
};

export const referralForm = withDateInputs(
  z
    .object({
      ...personFields,
      source: choice(REFERRAL_SOURCES, 'Choose who made the referral'),
      referrerName: optionalText({ max: 120, label: 'Their name' }),
      referrerOrganisation: optionalText({ max: 120, label: 'Organisation' }),
      referrerContact: optionalText({ max: 200, label: 'How to contact them' }),
      receivedOn: dateInput({ label: 'Date the referral was received', when: 'not future' }),
      reason: text('Enter why they have been referred', { max: 4000, label: 'Reason for the referral' }),
      urgency: choice(URGENCIES, 'Choose how urgent it is'),
      whatTheyWant: text('Enter what the person wants', { max: 4000, label: 'What the person wants' }),
    })
    .superRefine(
      (form, ctx) => {
        if (form.source !== 'self' && !form.referrerName) {
          ctx.addIssue({ code: 'custom', path: ['referrerName'], message: 'Enter the name of the person who made the referral' });
        }
      },
      onceValid('source', 'referrerName'),
    ),
);

export const detailsForm = withDateInputs(
  z.object({
    ...personFields,
    pronouns: optionalText({ max: 40, label: 'Pronouns' }),
    area: optionalText({ max: 80, label: 'Area' }),
    signInEmail: optionalEmail,
  }),
);

export const statusForm = withDateInputs(
  z.object({
    to: choice(PERSON_STATUSES, 'Choose what has changed'),
    on: dateInput({ label: 'Date of the change', when: 'not future' }),
    reason: optionalText({ max: 2000, label: 'Reason' }),
    arrangementTypes: checkboxes(ARRANGEMENT_TYPES, 'Choose kinds of support from the list'),
  }),
);

export const profileForm = z.object({
  likeAndAdmire: text('Enter what people like and admire about them', { max: 4000, label: 'What people like and admire' }),
  importantToMe: text('Enter what is important to them', { max: 4000, label: 'What is important' }),
  howToSupportMe: text('Enter how best to support them', { max: 4000, label: 'How best to support' }),
  writtenWith: text('Enter who wrote it with them', { max: 200, label: 'Who wrote it with them' }),
  inOwnWords: yesNo('Choose yes if it is in their own words'),
});

export const communicationForm = z
  .object({
    needs: checkboxes(COMMUNICATION_NEEDS),
    otherNeeds: optionalText({ max: 300, label: 'Other communication needs' }),
    preferredContact: optionalChoice(CONTACT_METHODS),
    notes: optionalText({ max: 1000, label: 'Notes' }),
    noNeeds: z.literal('yes').optional(),
  })
  .superRefine(
    (form, ctx) => {
      if (form.needs.includes('other') && !form.otherNeeds)
        ctx.addIssue({ code: 'custom', path: ['otherNeeds'], message: 'Describe the other communication needs' });
      if (form.noNeeds && form.needs.length)
        ctx.addIssue({ code: 'custom', path: ['needs'], message: 'Choose needs, or that they have none, not both' });
      if (!form.noNeeds && !form.needs.length)
        ctx.addIssue({ code: 'custom', path: ['needs'], message: 'Choose their communication needs, or that they have none' });
    },
    onceValid('needs', 'otherNeeds', 'noNeeds'),
  )
  .transform(({ noNeeds: _, ...record }) => record);

export const needsForm = z.object({
  categoryIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()).filter(Boolean))
    .pipe(z.array(z.uuid({ error: 'Choose support needs from the list' }))),
  supportNeeds: optionalText({ max: 4000, label: 'How their needs affect day-to-day life' }),
  health: optionalText({ max: 4000, label: 'Health' }),
  medication: optionalText({ max: 4000, label: 'Medication' }),
});

export const preferencesForm = z.object({
  arrangement: optionalChoice(ARRANGEMENT_TYPES),
  areas: optionalText({ max: 300, label: 'Areas' }),
  maxDistanceMiles: z
    .union([
      z.literal(''),
      z.coerce
        .number({ error: 'Enter the distance as a number of miles, like 10' })
        .int('Enter the distance as a whole number of miles, like 10')
        .min(1, 'Distance must be at least 1 mile')
        .max(500, 'Distance must be 500 miles or fewer'),
    ])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  household: optionalText({ max: 1000, label: 'Household' }),
  children: optionalChoice(HOUSEHOLD_ANSWERS),
  pets: optionalChoice(HOUSEHOLD_ANSWERS),
  smoking: optionalChoice(HOUSEHOLD_ANSWERS),
  faith: optionalText({ max: 200, label: 'Faith' }),
  culture: optionalText({ max: 300, label: 'Culture' }),
  languages: listOfText({ max: 10, label: 'Languages' }),
  interests: listOfText({ max: 30, label: 'Interests' }),
  routines: optionalText({ max: 2000, label: 'Routines' }),
  liveWithOrNear: optionalText({ max: 1000, label: 'Who they want to live with or near' }),
});

export const riskForm = z.object({
  risk: text('Describe the risk', { max: 2000, label: 'The risk' }),
  positiveSteps: text('Enter the positive steps agreed', { max: 4000, label: 'Positive steps' }),
  agreedWith: optionalText({ max: 200, label: 'Who agreed them' }),
  ended: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
});

export const placeForm = z.object({
  label: text('Enter what the place is, like Mum or Riverside day service', { max: 80, label: 'What the place is' }),
  kind: choice(PLACE_KINDS, 'Choose what kind of place it is'),
  postcode: optionalPostcode(),
  removed: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
});

export const circleMemberForm = z.object({
  name: text('Enter their name', { max: 120, label: 'Name' }),
  relationship: choice(CIRCLE_RELATIONSHIPS, 'Choose how they know the person'),
  relationshipDetail: optionalText({ max: 80, label: 'Relationship' }),
  phone: optionalPhone,
  email: optionalEmail,
  signInEmail: optionalEmail,
  consents: checkboxes(CONSENT_AREAS),
});

export const categoryForm = z.object({
  name: text('Enter the name of the support need', { max: 80, label: 'Name' }),
});
