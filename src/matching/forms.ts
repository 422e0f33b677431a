import { z } from 'zod';
import { checkboxes, optionalText } from '../platform/forms/fields.js';
import { dateInput, withDateInputs } from '../platform/forms/date-input.js';
import { DEFAULT_WEIGHTS, FACTORS } from './engine/index.js';
import { MAX_STEPS } from './workflow.js';

/** Matching's forms: every input through Zod, with messages that say what to do. */

/** What the worker's note says of a pair: it counts in the score as a hope, neither, or a worry. */
export const NOTE_VIEWS = ['hopeful', 'neutral', 'worried'] as const;

/** What a person may agree a proposed carer reads about them (consent areas, daily notes aside). */
export const SHAREABLE = ['profile', 'matching', 'support_plan'] as const;

const words = optionalText({ max: 2000, label: 'What you want to say' });
const side = z
  .union([z.literal(''), z.enum(['person', 'carer'], { error: 'Choose whose answer this is' })])
  .optional()
  .transform((v) => v || null);

export const proposeForm = z.object({
  personId: z.uuid({ error: 'Choose a person' }),
  carerIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set((v === undefined ? [] : [v].flat()).filter((x) => x !== ''))])
    .pipe(
      z
        .array(z.uuid({ error: 'Choose carers from the list' }))
        .min(1, 'Choose at least one carer to propose')
        .max(10, 'Propose 10 carers or fewer at once'),
    ),
  shares: checkboxes(SHAREABLE, 'Choose from the list').refine((v) => v.length > 0, 'Choose at least one thing the person agreed to share'),
  note: optionalText({ max: 2000, label: 'Your note' }),
  noteView: z
    .union([z.literal(''), z.enum(NOTE_VIEWS, { error: 'Choose what your note says about the match' })])
    .optional()
    .transform((v) => v || null),
});

export const answerForm = z.object({
  side,
  answer: z.enum(['yes', 'maybe', 'no'], { error: 'Choose an answer' }),
  words,
});

export const goOnForm = z.object({
  side,
  goOn: z.enum(['yes', 'no'], { error: 'Choose yes or no' }).transform((v) => v === 'yes'),
  words,
});

export const stopForm = z.object({ words });

export const dateForm = withDateInputs(z.object({ plannedOn: dateInput({ label: 'The date' }) }));

export const agreeForm = withDateInputs(z.object({ startsOn: dateInput({ label: 'The start date' }) }));

/** A whole number typed in a box: empty is null, anything else must be one within the bounds. */
const wholeNumber = (messages: { type: string; min: [number, string]; max: [number, string] }) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d+$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: messages.type });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < messages.min[0] || n > messages.max[0]) {
        ctx.addIssue({ code: 'custom', message: n < messages.min[0] ? messages.min[1] : messages.max[1] });
        return z.NEVER;
      }
      return n;
    });

const weight = (factor: string) =>
  wholeNumber({
    type: `Enter the weight of ${factor} as a whole number, like 10`,
    min: [0, `The weight of ${factor} must be 0 or more`],
    max: [100, `The weight of ${factor} must be 100 or less`],
  });

export const settingsForm = z
  .object({
    ...(Object.fromEntries(FACTORS.map((f) => [`weight-${f}`, weight(f)])) as Record<
      `weight-${(typeof FACTORS)[number]}`,
      ReturnType<typeof weight>
    >),
    maxMiles: wholeNumber({
      type: 'Enter the distance as a whole number of miles, like 25',
      min: [1, 'The distance must be at least 1 mile'],
      max: [500, 'The distance must be 500 miles or fewer'],
    }),
    introductionSteps: z
      .string({ error: 'List the introduction steps' })
      .max(2000, 'The steps must be 2000 characters or fewer')
      .transform((v) =>
        v
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(80, 'Each step must be 80 characters or fewer'))
          .min(1, 'List at least one introduction step')
          .max(MAX_STEPS, `List ${MAX_STEPS} steps or fewer`),
      ),
  })
  .superRefine((form, ctx) => {
    const weights = FACTORS.map((f) => form[`weight-${f}`] ?? DEFAULT_WEIGHTS[f]);
    if (weights.every((w) => w === 0))
      ctx.addIssue({ code: 'custom', path: [`weight-${FACTORS[0]}`], message: 'Give at least one factor a weight above 0' });
  })
  .transform((form) => ({
    weights: Object.fromEntries(FACTORS.flatMap((f) => (form[`weight-${f}`] === null ? [] : [[f, form[`weight-${f}`]!]]))),
    maxMiles: form.maxMiles,
    introductionSteps: form.introductionSteps,
  }));
