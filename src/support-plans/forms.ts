import { z } from 'zod';
import { choice, optionalText, text, formText, checkboxes, onceValid } from '../platform/forms/fields.js';
import type { Values } from '../platform/forms/options.js';
import { PLAN_SECTIONS, type PlanContent, type PlanRisk, type PlanSection } from './plan.js';
import { CHANGE_SYMBOLS, CHANGE_VALUES, PROPOSAL_KINDS } from './words.js';

/** The support plan's forms: the worker's edit (and merge), accepting a proposal, proposing, replying, declining. */

export const MAX_RISKS = 20;
const LONG = 5000;

const longText = (label: string) =>
  z
    .string()
    .trim()
    .max(LONG, `${label} must be ${LONG} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');
const version = z.coerce
  .number({ error: 'This form is out of date: open the plan again' })
  .int()
  .min(0, 'This form is out of date: open the plan again');
const reason = text('Say what changed and why', { max: 1000, label: 'What changed and why' });

/** Browsers send a textarea's new lines as CRLF: as LF, the words compare equal to the saved ones. */
const plainLines = (body: unknown): Values =>
  Object.fromEntries(Object.entries((body ?? {}) as Values).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v]));

/** Risk rows arrive as risk-1, steps-1, risk-2…: the filled ones, each needing both halves. */
const withRisks = (body: unknown) => {
  const fields = plainLines(body);
  const rows: { n: number; risk: string; steps: string }[] = [];
  for (let n = 1; n <= MAX_RISKS; n++) {
    const risk = formText(fields[`risk-${n}`]).trim();
    const steps = formText(fields[`steps-${n}`]).trim();
    if (risk || steps) rows.push({ n, risk, steps });
  }
  return { ...fields, risks: rows };
};

const riskRows = z.array(z.object({ n: z.number(), risk: z.string(), steps: z.string() }));

/** Each risk row's two boxes, as typed: how long each may be, with the message beside the box. */
const riskBoxes = Object.fromEntries(
  Array.from({ length: MAX_RISKS }, (_, i) => i + 1).flatMap((n) => [
    [`risk-${n}`, optionalText({ max: 1000, label: `Risk ${n}` })],
    [`steps-${n}`, optionalText({ max: 2000, label: `The positive steps agreed for risk ${n}` })],
  ]),
);

function checkRisks(form: { risks: { n: number; risk: string; steps: string }[] }, ctx: z.RefinementCtx) {
  for (const row of form.risks) {
    if (!row.risk)
      ctx.addIssue({
        code: 'custom',
        path: [`risk-${row.n}`],
        message: `Say what the risk is in risk ${row.n}, or clear its positive steps`,
      });
    if (!row.steps) ctx.addIssue({ code: 'custom', path: [`steps-${row.n}`], message: `Say the positive steps agreed for risk ${row.n}` });
  }
}

const risksOf = (rows: { risk: string; steps: string }[]): PlanRisk[] => rows.map(({ risk, steps }) => ({ risk, steps }));

/** The worker's edit of the whole plan; after a conflict, which of the colliding parts to take from the other version. */
export const planForm = z
  .preprocess(
    withRisks,
    z
      .object({
        version,
        goals: text('Write their goals, in their own words', { max: LONG, label: 'Goals' }),
        dailySupport: text('Say what good support looks like day to day', { max: LONG, label: 'Day to day support' }),
        risks: riskRows,
        ...riskBoxes,
        medication: longText('Medication'),
        importantPeople: longText('Important people'),
        routines: longText('Routines'),
        reason,
        conflicts: checkboxes(PLAN_SECTIONS),
        ...Object.fromEntries(PLAN_SECTIONS.map((s) => [`choice-${s}`, z.enum(['mine', 'theirs']).optional().catch(undefined)])),
      })
      .superRefine(
        (form, ctx) => {
          checkRisks(form, ctx);
          for (const section of form.conflicts) {
            if (!(form as Record<string, unknown>)[`choice-${section}`])
              ctx.addIssue({
                code: 'custom',
                path: [`choice-${section}`],
                message: 'Choose whether to keep your words or take theirs for this part',
              });
          }
        },
        onceValid('risks', 'conflicts'),
      ),
  )
  .transform((form) => ({
    baseVersion: form.version,
    content: {
      goals: form.goals,
      dailySupport: form.dailySupport,
      risks: risksOf(form.risks),
      medication: form.medication,
      importantPeople: form.importantPeople,
      routines: form.routines,
    } satisfies PlanContent,
    reason: form.reason,
    take: form.conflicts.filter((s): s is PlanSection => (form as Record<string, unknown>)[`choice-${s}`] === 'theirs'),
  }));

/** The worker's acceptance of a proposed change: the part's agreed words. */
export const acceptForm = z
  .preprocess(
    withRisks,
    z
      .object({
        version,
        text: longText('The new words'),
        risks: riskRows,
        ...riskBoxes,
        reason,
      })
      .superRefine(checkRisks, onceValid('risks')),
  )
  .transform((form) => ({ baseVersion: form.version, text: form.text, risks: risksOf(form.risks), reason: form.reason }));

export const proposalForm = z.object({
  section: z.enum([...PLAN_SECTIONS, 'whole'], { error: 'Choose which part of the plan it is about' }),
  kind: choice(PROPOSAL_KINDS, 'Choose whether you want to change it or say something about it'),
  words: text('Say what you want, in your own words', { max: 2000, label: 'Your words' }),
  proposedText: optionalText({ max: LONG, label: 'The new words' }),
});

/**
 * The person's Easy Read form: "I like this", or what to change in their own words, pictures chosen,
 * or both. The pictures become the sentences they stand for, so the worker reads one message.
 */
export const easyProposalForm = z
  .object({
    section: proposalForm.shape.section,
    kind: proposalForm.shape.kind,
    symbols: checkboxes(CHANGE_VALUES, 'Choose pictures from the list'),
    words: optionalText({ max: 2000, label: 'Your words' }),
  })
  .superRefine((form, ctx) => {
    if (!form.words && form.symbols.length === 0)
      ctx.addIssue({ code: 'custom', path: ['words'], message: 'Write what you want to change, or choose a picture' });
  })
  .transform((form) => ({
    section: form.section,
    kind: form.kind,
    words: [...CHANGE_SYMBOLS.filter((s) => form.symbols.includes(s.value)).map((s) => s.says), form.words].filter(Boolean).join(' '),
    proposedText: null,
  }));

export const replyForm = z.object({ words: text('Write your reply', { max: 2000, label: 'Your reply' }) });
export const declineForm = z.object({ declineReason: text('Say why it is not accepted', { max: 1000, label: 'Why not' }) });

/** A plan as the form's values: risks as numbered rows. */
export function contentValues(content: PlanContent): Values {
  const values: Values = {
    goals: content.goals,
    dailySupport: content.dailySupport,
    medication: content.medication,
    importantPeople: content.importantPeople,
    routines: content.routines,
  };
  content.risks.forEach((r, i) => Object.assign(values, { [`risk-${i + 1}`]: r.risk, [`steps-${i + 1}`]: r.steps }));
  return values;
}

/** How many risk rows to show: those filled in, and two empty ones to add more (no JavaScript needed). */
export function riskRowCount(values: Values): number {
  const filled = Object.keys(values)
    .map((k) => /^(?:risk|steps)-(\d+)$/.exec(k))
    .filter((m) => m && formText(values[m[0]]).trim())
    .map((m) => Number(m![1]));
  return Math.min(MAX_RISKS, Math.max(0, ...filled) + 2);
}
