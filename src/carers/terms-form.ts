import { z } from 'zod';
import { checkboxes } from '../platform/forms/fields.js';
import { ARRANGEMENT_TYPE_NAMES, ARRANGEMENT_TYPES, MAX_PEOPLE, NEED_NAMES, NEEDS, type ApprovalTerms } from './terms.js';
import { formText, optionalText, choice } from '../platform/forms/fields.js';
import { dateInput, withDateInputs } from '../platform/forms/date-input.js';

/** The approval terms' fields, for the panel's recommendation and the scheme's decision alike. */
export const termsFields = {
  maxPeople: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(z.number().int().min(1).max(MAX_PEOPLE).nullable().catch(null)),
  arrangementTypes: checkboxes(ARRANGEMENT_TYPES),
  needs: checkboxes(NEEDS),
};

type TermsAnswers = { maxPeople: number | null; arrangementTypes: ApprovalTerms['arrangementTypes']; needs: ApprovalTerms['needs'] };

/** The terms, when approving; a problem for each missing part. */
export function termsWhen(approving: boolean, form: TermsAnswers, ctx: z.RefinementCtx): ApprovalTerms | null {
  if (!approving) return null;
  if (!form.maxPeople) ctx.addIssue({ code: 'custom', path: ['maxPeople'], message: 'Choose how many people they can support at once' });
  if (!form.arrangementTypes.length)
    ctx.addIssue({ code: 'custom', path: ['arrangementTypes'], message: 'Choose at least one kind of arrangement' });
  return form.maxPeople && form.arrangementTypes.length
    ? { maxPeople: form.maxPeople, arrangementTypes: form.arrangementTypes, needs: form.needs }
    : null;
}

/** Radios and checkboxes for the terms, with what was chosen before. */
export function termsItems(values: Record<string, unknown> = {}) {
  const chosen = (name: string) => [values[name] ?? []].flat().map(String);
  return {
    maxPeople: Array.from({ length: MAX_PEOPLE }, (_, i) => ({
      value: String(i + 1),
      text: String(i + 1),
      checked: formText(values.maxPeople) === String(i + 1),
    })),
    arrangementTypes: ARRANGEMENT_TYPES.map((t) => ({
      value: t,
      text: ARRANGEMENT_TYPE_NAMES[t],
      checked: chosen('arrangementTypes').includes(t),
    })),
    needs: NEEDS.map((n) => ({ value: n, text: NEED_NAMES[n], checked: chosen('needs').includes(n) })),
  };
}

/** The scheme's decision on a carer: on a panel case's recommendation, or on a panel before the scheme used Hearth. */
export const decisionForm = withDateInputs(
  z
    .object({
      decision: choice(['approved', 'declined'], 'Choose the scheme’s decision'),
      ...termsFields,
      reason: optionalText({ max: 5000, label: 'Reasons' }),
      decidedOn: dateInput({ whenEmpty: 'Enter the date of the decision', label: 'The date of the decision', when: 'not future' }),
    })
    .transform((form, ctx) => ({
      decision: form.decision,
      terms: termsWhen(form.decision === 'approved', form, ctx),
      reason: form.reason,
      decidedOn: form.decidedOn,
    })),
);
