import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { srcDir } from '../paths.js';
import { createViews } from '../layout/views.js';
import { dateInput, withDateInputs } from './date-input.js';
import { email, optionalText, text } from './fields.js';
import { maxLengths } from './limits.js';

describe('the most characters a form’s text fields take', () => {
  it('are read from the schema, however its fields are wrapped', () => {
    const form = withDateInputs(
      z
        .object({
          name: text('Enter a name', { max: 120 }),
          notes: optionalText({ max: 2000 }),
          email: email(),
          on: dateInput({ label: 'The date' }),
          steps: z
            .string()
            .max(500)
            .transform((v) => v.split('\n'))
            .pipe(z.array(z.string().max(80))),
          rows: z.array(z.object({ risk: z.string().max(1000) })),
          count: z.coerce.number().max(9),
        })
        .superRefine(() => {})
        .transform((f) => f),
    );
    expect(maxLengths(form)).toEqual({ name: 120, notes: 2000, email: 254, steps: 500, 'rows.risk': 1000 });
  });

  it('take the smaller of two forms on one page', () => {
    expect(maxLengths(z.object({ reason: z.string().max(1000) }), z.object({ reason: z.string().max(500), other: z.string() }))).toEqual({
      reason: 500,
    });
  });
});

describe('a text box', () => {
  const views = createViews();
  const render = (call: string, context: Record<string, unknown> = {}) =>
    views.renderString(`{% from "platform/forms/views/fields.njk" import textarea, characterCount %}${call}`, context);

  it('says how many characters it takes, and counts them down', () => {
    const html = render('{{ textarea("note", "Note", values, errors, maxlength = limits.note) }}', { values: {}, limits: { note: 300 } });
    expect(html.replace(/\s+/g, ' ')).toMatch(
      /class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="300"/,
    );
    expect(html).toContain('You can enter up to 300 characters');
  });

  it('refuses to be shown without its maximum', () => {
    expect(() => render('{{ textarea("note", "Note", values, errors, maxlength = limits.note) }}', { values: {}, limits: {} })).toThrow(
      /The text box note has no maximum/,
    );
    expect(() => render('{{ characterCount({ name: "words", id: "words" }) }}')).toThrow(/The text box words has no maximum/);
  });
});

/** Every view's text box, as written: a textarea macro call or a character count. */
function textBoxes() {
  const found: { file: string; call: string; name: string; limit: string | undefined }[] = [];
  const views = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.njk') && !f.startsWith(path.join('platform', 'forms', 'views')),
  );
  for (const file of views) {
    const text = readFileSync(path.join(srcDir, file), 'utf8');
    for (const [call, name, limit] of text.matchAll(/\{\{ textarea\(("[^"]+"|[\w[\]]+)[^\n]*?(?:maxlength = ([^)\s]+))?\) \}\}/g))
      found.push({ file, call, name: name!, limit });
    for (const [call] of text.matchAll(/characterCount\(\{[\s\S]*?\}\) \}\}/g)) {
      const name = /\bname: ("[^"]+"(?: \+ \w+)?)/.exec(call)?.[1] ?? '?';
      found.push({ file, call, name, limit: /maxlength: (limits(?:\.\w+|\[[^\]]+\]))/.exec(call)?.[1] });
    }
  }
  return { views, found };
}

describe('every text box in every view', () => {
  const { views, found } = textBoxes();

  it('is a character count, never a bare textarea', () => {
    expect(found.length).toBeGreaterThan(50);
    for (const file of views) {
      const text = readFileSync(path.join(srcDir, file), 'utf8');
      expect(text, file).not.toMatch(/govukTextarea\(|govukCharacterCount\(|<textarea/);
    }
  });

  it('takes its maximum from its own field of the form’s schema: limits, by its name', () => {
    for (const box of found) {
      const expected = box.name.startsWith('"')
        ? box.name.includes('+')
          ? `limits[${box.name}]`
          : `limits.${box.name.slice(1, -1)}`
        : `limits[${box.name}]`;
      expect(box.limit, `${box.file}: ${box.call}`).toBe(expected);
    }
  });
});
