import { describe, expect, it } from 'vitest';
import { SYMBOLS } from '../platform/easy-read/symbols.js';
import { moodItems, noteForm } from './forms.js';
import { isMood, MOOD_WORDS, moodWords, MOODS } from './moods.js';

describe('the mood scale', () => {
  it('has five points, each with its own word and a feelings symbol from the Easy Read kit', () => {
    expect(MOODS).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(MOODS.map((m) => MOOD_WORDS[m].word)).size).toBe(5);
    expect(new Set(MOODS.map((m) => MOOD_WORDS[m].symbol)).size).toBe(5);
    for (const m of MOODS) expect(Object.keys(SYMBOLS)).toContain(MOOD_WORDS[m].symbol);
  });

  it('reads in plain words for the person and their circle', () => {
    expect(moodWords(5, { self: true, name: 'Ana' })).toBe('You felt very happy');
    expect(moodWords(2, { self: false, name: 'Ana' })).toBe('Ana felt unhappy');
  });

  it('offers the happiest first as radios with a decorative symbol beside the word', () => {
    const items = moodItems('4');
    expect(items.map((i) => i.value)).toEqual(['5', '4', '3', '2', '1']);
    expect(items.find((i) => i.checked)?.value).toBe('4');
    expect(items[0]!.html).toMatch(/<img[^>]+alt=""[^>]*>.*Very happy/);
  });

  it('takes only a point of the scale', () => {
    expect(isMood(3)).toBe(true);
    expect(isMood(6)).toBe(false);
    const base = {
      arrangementId: '7f1c1f1e-8a57-4a3b-9d2a-3c7b1a2b3c4d',
      'writtenOn-day': '1',
      'writtenOn-month': '2',
      'writtenOn-year': '2026',
      whatHappened: 'A day',
      flag: 'no',
    };
    expect(noteForm.safeParse({ ...base, mood: '6' }).success).toBe(false);
    expect(noteForm.parse({ ...base, mood: '3' })).toMatchObject({ mood: 3, flagged: false, flagReason: null, writtenOn: '2026-02-01' });
  });
});
