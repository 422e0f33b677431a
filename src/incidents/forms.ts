import { z } from 'zod';
import { checkboxes, choice, optionalText, text } from '../platform/forms/fields.js';
import { dateInput, withDateInputs } from '../platform/forms/date-input.js';
import { INCIDENT_KINDS, NOTIFIABLE_CATEGORIES, NOTIFICATION_METHODS, SEVERITIES } from './rules.js';

const time = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(z.union([z.null(), z.string().regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, 'Enter the time like 14:30, or leave it empty')]))
  .transform((v) => (v ? v.replace('.', ':').padStart(5, '0') : null));

export const incidentForm = withDateInputs(
  z.object({
    arrangementId: z.uuid({ error: 'Choose who it is about' }),
    kind: choice(INCIDENT_KINDS, 'Choose whether it is an incident or a safeguarding concern'),
    occurredOn: dateInput({ label: 'The date it happened', when: 'not future' }),
    occurredTime: time,
    place: text('Say where it happened', { max: 300, label: 'Where' }),
    whatHappened: text('Say what happened', { max: 6000, label: 'What happened' }),
    whoInvolved: text('Say who was involved', { max: 2000, label: 'Who was involved' }),
    immediateAction: text('Say what was done straight away', { max: 4000, label: 'What was done straight away' }),
    severity: choice(SEVERITIES, 'Choose how serious it is'),
    categories: checkboxes(NOTIFIABLE_CATEGORIES),
  }),
);

export const followUpForm = z.object({ note: text('Write the follow-up note', { max: 4000, label: 'The follow-up note' }) });

export const notificationForm = withDateInputs(
  z.object({
    notifiedOn: dateInput({ label: 'The date CQC was told', when: 'not future' }),
    notifiedHow: choice(NOTIFICATION_METHODS, 'Choose how CQC was told'),
    reference: optionalText({ max: 100, label: 'The reference' }),
  }),
);

export const dealtWithForm = z.object({ whatWasDone: text('Say what was done about it', { max: 2000, label: 'What was done' }) });

export const closeForm = z.object({ outcome: text('Say what the outcome was', { max: 4000, label: 'The outcome' }) });

export const listQuery = z.object({
  worker: z
    .union([z.literal('all'), z.uuid()])
    .optional()
    .catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  kind: z.enum(INCIDENT_KINDS).optional().catch(undefined),
  status: z.enum(['open', 'closed', 'all', 'to_notify']).optional().catch(undefined),
  arrangement: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
