import { expect } from 'vitest';
import { readability, sentencesOf, wordsOf, type Readability } from './readability.js';

/**
 * Limits for Easy Read text, from the guidance Hearth follows:
 * - longest sentence 15 words: the "about 15 words at most", and the most that Mencap's
 *   "Am I making myself clear?" and the Department of Health's Easy Read guide advise;
 * - average 10 words a sentence: Easy Read is mostly much shorter than its longest sentence, and
 *   a page of 15-word sentences would be hard going;
 * - Flesch–Kincaid grade 5 (a reading age of about 10): Easy Read is written for adults who read at
 *   primary-school level; the grade also rises with long words, so it keeps the words plain.
 */
export const EASY_READ_LIMITS = { longestSentence: 15, averageSentenceLength: 10, grade: 5 };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/**
 * The lines an Easy Read page reads aloud ([data-read-aloud] elements from macros.njk), as text.
 * Those elements hold words and inline tags only (strong, a), never another of their own kind.
 * Someone's own words, quoted (data-read-aloud="quoted", easyQuote), are read aloud but not
 * measured: the limits are for what Hearth writes, not for what a person or a worker wrote.
 */
export function easyReadLines(html: string): string[] {
  return [...html.matchAll(/<(p|h[1-6]|span)\b([^>]*\bdata-read-aloud\b[^>]*)>([\s\S]*?)<\/\1>/g)]
    .filter((match) => !/data-read-aloud="quoted"/.test(match[2]!))
    .map((match) =>
      match[3]!
        .replace(/<[^>]+>/g, '')
        .replace(/&(#?\w+);/g, (entity, name: string) => ENTITIES[name] ?? entity)
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

/** Fails, naming the sentence or the figure, when a page's Easy Read lines go beyond the limits. */
export function expectEasyRead(html: string, limits = EASY_READ_LIMITS): Readability {
  const lines = easyReadLines(html);
  expect(lines.length, 'the page has Easy Read lines').toBeGreaterThan(0);
  const tooLong = lines.flatMap(sentencesOf).filter((s) => wordsOf(s).length > limits.longestSentence);
  expect(tooLong, `sentences longer than ${limits.longestSentence} words`).toEqual([]);
  const measured = readability(lines);
  expect(measured.averageSentenceLength, 'average words a sentence').toBeLessThanOrEqual(limits.averageSentenceLength);
  expect(measured.grade, 'Flesch–Kincaid grade').toBeLessThanOrEqual(limits.grade);
  return measured;
}
