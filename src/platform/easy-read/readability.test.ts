import { describe, expect, it } from 'vitest';
import { readability, sentencesOf, syllablesIn, wordsOf } from './readability.js';

describe('syllables', () => {
  const known: Record<string, number> = {
    cat: 1,
    home: 1,
    make: 1,
    makes: 1,
    liked: 1,
    shared: 1,
    lives: 1,
    where: 1,
    whole: 1,
    smiles: 1,
    notes: 1,
    once: 1,
    table: 2,
    people: 2,
    simple: 2,
    happy: 2,
    easy: 2,
    carer: 2,
    review: 2,
    wanted: 2,
    needed: 2,
    pages: 2,
    changes: 2,
    watches: 2,
    tables: 2,
    reading: 2,
    because: 2,
    online: 2,
    email: 2,
    someone: 2,
    "don't": 1,
    'you’re': 1,
    favourite: 3,
    different: 3,
    area: 3,
    idea: 3,
    everything: 3,
    yesterday: 3,
    information: 4,
    communication: 5,
    'easy-read': 3,
  };
  it.each(Object.entries(known))('%s has %i', (word, count) => {
    expect(syllablesIn(word)).toBe(count);
  });
});

describe('sentences and words', () => {
  it('splits at full stops, question and exclamation marks, not inside numbers', () => {
    expect(sentencesOf('You can choose. Do you like it? Yes! It costs £2.50 a week.')).toEqual([
      'You can choose.',
      'Do you like it?',
      'Yes!',
      'It costs £2.50 a week.',
    ]);
  });

  it('counts a heading or button without a full stop as one sentence, and skips empty lines', () => {
    expect(sentencesOf('How I feel')).toEqual(['How I feel']);
    expect(sentencesOf('  ')).toEqual([]);
  });

  it('keeps apostrophes and hyphens inside words', () => {
    expect(wordsOf("I don't want an Easy-Read page, 2 times.")).toEqual(['I', "don't", 'want', 'an', 'Easy-Read', 'page', '2', 'times']);
  });
});

describe('readability', () => {
  it('measures Easy Read lines as easy', () => {
    const result = readability([
      'This is your home page.',
      'You can see your plan here.',
      'Press the big button to say how you feel.',
      'My home',
    ]);
    expect(result.sentences).toBe(4);
    expect(result.words).toBe(5 + 6 + 9 + 2);
    expect(result.averageSentenceLength).toBe(5.5);
    expect(result.longestSentence).toEqual({ words: 9, text: 'Press the big button to say how you feel.' });
    expect(result.grade).toBeLessThan(2);
  });

  it('gives the Flesch–Kincaid grade of a known sentence', () => {
    // 16 words and 21 syllables (person, carer, about, worker, every: 2 each): 0.39 × 16 + 11.8 × 21/16 − 15.59 ≈ 6.1.
    const result = readability(['The person and their carer will talk about the plan with the scheme worker every month.']);
    expect(result.words).toBe(16);
    expect(result.syllables).toBe(21);
    expect(result.grade).toBe(6.1);
  });

  it('measures official writing as hard', () => {
    const result = readability([
      'Notwithstanding the aforementioned considerations, the organisation shall endeavour to facilitate comprehensive multidisciplinary consultation regarding individualised accommodation arrangements.',
    ]);
    expect(result.longestSentence.words).toBe(17);
    expect(result.grade).toBeGreaterThan(20);
  });

  it('measures nothing as nothing', () => {
    expect(readability([])).toEqual({
      sentences: 0,
      words: 0,
      syllables: 0,
      averageSentenceLength: 0,
      longestSentence: { words: 0, text: '' },
      grade: 0,
    });
  });
});
