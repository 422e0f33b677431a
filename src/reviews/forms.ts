import { z } from 'zod';
import { choice, optionalText, optionalWholeNumber, text } from '../platform/forms/fields.js';
import { dateInput, optionalDateInput, withDateInputs } from '../platform/forms/date-input.js';
import type { Completion, NewContact } from './service.js';
import { ANSWERED_BY, ANSWERS, REVIEW_KINDS, WELLBEING_AREA_NAMES, WELLBEING_AREAS, type Rating, type WellbeingArea } from './words.js';

/** Reviews' forms, each a Zod schema read by submitForm: every message says what to do. */

export const ACTION_ROWS = [1, 2, 3] as const;

export const newForm = withDateInputs(
  z.object({
    kind: choice(REVIEW_KINDS, 'Choose a review or a visit'),
    heldOn: dateInput({ label: 'The date' }),
    note: optionalText({ max: 2000, label: 'The note' }),
  }),
)
  .superRefine((form, ctx) => {
    if (form.kind === 'visit' && !form.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Write a short note about the visit' });
  })
  .transform((form): NewContact =>
    form.kind === 'visit' ? { kind: 'visit', heldOn: form.heldOn, note: form.note! } : { kind: 'review', heldOn: form.heldOn },
  );

export const whoAnswersForm = z
  .object({
    answeredBy: choice(ANSWERED_BY, 'Choose who is answering'),
    supportFrom: optionalText({ max: 120, label: 'Who is helping' }),
  })
  .superRefine((form, ctx) => {
    if (form.answeredBy === 'with_support' && !form.supportFrom)
      ctx.addIssue({ code: 'custom', path: ['supportFrom'], message: 'Say who is helping them answer' });
  })
  .transform((form) => ({ answeredBy: form.answeredBy, supportFrom: form.answeredBy === 'with_support' ? form.supportFrom : null }));

export const answerForm = z.object({ answer: choice(ANSWERS, 'Choose a face') });

export const moreForm = z.object({ anythingElse: optionalText({ max: 2000, label: 'What you want to say' }) });

export const carerForm = z.object({
  goingWell: text('Say what is going well', { max: 4000, label: 'What is going well' }),
  notGoingWell: optionalText({ max: 4000, label: 'What is not going so well' }),
  supportNeeded: optionalText({ max: 4000, label: 'What support you need' }),
});

const ratingField = (area: WellbeingArea) =>
  z
    .enum(['1', '2', '3', '4', '5'], { error: `Choose a rating for ${WELLBEING_AREA_NAMES[area].toLowerCase()}` })
    .transform((v) => Number(v) as Rating);

const actionFields = Object.fromEntries(
  ACTION_ROWS.flatMap((n): [string, z.ZodType<string | null>][] => [
    [`action${n}`, optionalText({ max: 500, label: 'The action' })],
    [`who${n}`, optionalText({ max: 120, label: 'Who' })],
    [`byWhen${n}`, optionalDateInput({ label: 'By when' })],
  ]),
);

export const completeForm = withDateInputs(
  z.object({
    heldOn: dateInput({ label: 'The date of the review' }),
    summary: text('Write a summary of the review', { max: 8000, label: 'The summary' }),
    ...(Object.fromEntries(WELLBEING_AREAS.map((area) => [`rating_${area}`, ratingField(area)])) as Record<
      `rating_${WellbeingArea}`,
      ReturnType<typeof ratingField>
    >),
    ...actionFields,
    privateNote: optionalText({ max: 4000, label: 'The private note' }),
  }),
)
  .superRefine((form, ctx) => {
    const values = form as Record<string, unknown>;
    for (const n of ACTION_ROWS) {
      const row = [values[`action${n}`], values[`who${n}`], values[`byWhen${n}`]];
      if (row.every((v) => !v) || row.every(Boolean)) continue;
      const [field, message] = !row[0]
        ? [`action${n}`, 'Say what the action is']
        : !row[1]
          ? [`who${n}`, 'Say who will do it']
          : [`byWhen${n}`, 'Enter by when'];
      ctx.addIssue({ code: 'custom', path: [field], message });
    }
  })
  .transform((form): Completion => {
    const values = form as Record<string, unknown>;
    return {
      heldOn: form.heldOn,
      summary: form.summary,
      ratings: Object.fromEntries(WELLBEING_AREAS.map((area) => [area, values[`rating_${area}`]])) as Completion['ratings'],
      actions: ACTION_ROWS.filter((n) => values[`action${n}`]).map((n) => ({
        action: values[`action${n}`] as string,
        who: values[`who${n}`] as string,
        byWhen: values[`byWhen${n}`] as string,
      })),
      privateNote: form.privateNote,
    };
  });

const whole = (label: string, min: number, max: number) =>
  optionalWholeNumber(label, { min, max })
    .refine((v) => v !== null, `Enter ${label.toLowerCase()}`)
    .transform((v) => v);

export const settingsForm = z.object({
  visitMonths: whole('Months of monthly visits', 0, 24),
  firstReviewWeeks: whole('Weeks to the first review', 1, 52),
  reviewEveryMonths: whole('Months between reviews', 1, 36),
});
