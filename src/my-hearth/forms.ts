import { z } from 'zod';
import { checkboxes, optionalText, text } from '../platform/forms/fields.js';
import { ABOUT_VALUES, TELL_KINDS } from './words.js';

/** The person's forms: messages that say what to do, in Easy Read. */

const yourWords = optionalText({ max: 2000, label: 'Your words' });

export const tellForm = z
  .object({
    kind: z.enum(TELL_KINDS, { error: 'Choose a button to send it' }),
    symbols: checkboxes(ABOUT_VALUES, 'Choose pictures from the list'),
    words: yourWords,
  })
  .superRefine((form, ctx) => {
    if (form.kind !== 'help_now' && !form.words && form.symbols.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['words'], message: 'Write what it is about, or choose a picture' });
    }
  });

export const moodForm = z.object({
  mood: z.coerce
    .number({ error: 'Press the face that shows how you feel' })
    .int()
    .min(1, 'Press the face that shows how you feel')
    .max(5, 'Press the face that shows how you feel'),
  words: yourWords,
});

/** The person's answer to a proposed carer: through matching's own rules (no "side": it is their own). */
export const answerForm = z.object({ answer: z.enum(['yes', 'maybe', 'no'], { error: 'Press yes, maybe or no' }), words: yourWords });

export const goOnForm = z.object({
  goOn: z.enum(['yes', 'no'], { error: 'Press yes or no' }).transform((v) => v === 'yes'),
  words: yourWords,
});

export const replyForm = z.object({ words: text('Enter your reply', { max: 2000, label: 'Your reply' }) });
