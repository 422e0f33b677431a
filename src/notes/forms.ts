import { z } from 'zod';
import { choice, onceValid, text } from '../platform/forms/fields.js';
import { symbol } from '../platform/easy-read/symbols.js';
import { dateInput, withDateInputs } from '../platform/forms/date-input.js';
import { MOOD_WORDS, MOODS, type Mood } from './moods.js';

/** A carer's daily note: who about, the day (today unless changed), what happened, mood, anything to flag. */
export const noteForm = withDateInputs(
  z
    .object({
      arrangementId: z.uuid({ error: 'Choose who the note is about' }),
      writtenOn: dateInput({ label: 'The date', when: 'not future' }),
      whatHappened: text('Say what happened today', { max: 4000, label: 'What happened' }),
      mood: choice(['1', '2', '3', '4', '5'], 'Choose how they seemed').transform((v) => Number(v) as Mood),
      flag: choice(['yes', 'no'], 'Choose yes if there is anything the scheme worker should know about'),
      flagReason: z
        .string()
        .trim()
        .max(2000, 'What to flag must be 2000 characters or fewer')
        .optional()
        .transform((v) => v || null),
    })
    .superRefine(
      (form, ctx) => {
        if (form.flag === 'yes' && !form.flagReason)
          ctx.addIssue({ code: 'custom', path: ['flagReason'], message: 'Say what the scheme worker should know' });
      },
      onceValid('flag', 'flagReason'),
    )
    .transform(({ flag, ...form }) => ({ ...form, flagged: flag === 'yes', flagReason: flag === 'yes' ? form.flagReason : null })),
);

export const newQuery = z.object({ arrangement: z.uuid().optional().catch(undefined) });

export const dealtWithForm = z.object({
  whatWasDone: text('Say what was done about it', { max: 2000, label: 'What was done' }),
});

const dayAndId = /^(\d{4}-\d{2}-\d{2})\.([0-9a-f-]{36})$/;
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);

/** The notes list's filters and where its page starts (keyset: older or newer than a note). */
export const listQuery = z.object({
  worker: z
    .union([z.literal('all'), z.uuid()])
    .optional()
    .catch(undefined),
  flagged: z.literal('yes').optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  older: z.string().regex(dayAndId).optional().catch(undefined),
  newer: z.string().regex(dayAndId).optional().catch(undefined),
});

export const cursorOf = (query: { older?: string | undefined; newer?: string | undefined }) => {
  const [value, direction] = query.older ? [query.older, 'older' as const] : query.newer ? [query.newer, 'newer' as const] : [null, null];
  if (!value || !direction) return undefined;
  const [, writtenOn, id] = dayAndId.exec(value)!;
  return { direction, writtenOn: writtenOn!, id: id! };
};

export const cursorValue = (note: { writtenOn: string; id: string }) => `${note.writtenOn}.${note.id}`;

/** The mood scale as radios: a feelings symbol and a word each, big enough to tap. */
export const moodItems = (value: unknown) =>
  [...MOODS].reverse().map((mood) => {
    const { src } = symbol(MOOD_WORDS[mood].symbol);
    return {
      value: String(mood),
      html: `<span class="hearth-mood"><img class="hearth-mood__symbol" src="${src}" alt="" width="48" height="48"><span>${MOOD_WORDS[mood].word}</span></span>`,
      checked: String(value) === String(mood),
    };
  });
