/**
 * How easy some lines of text are to read: sentence lengths and the Flesch–Kincaid grade.
 * A line without an ending full stop, question mark or exclamation mark (a heading, a button)
 * counts as one sentence.
 */
export interface Readability {
  sentences: number;
  words: number;
  syllables: number;
  averageSentenceLength: number;
  longestSentence: { words: number; text: string };
  /** 0.39 × words per sentence + 11.8 × syllables per word − 15.59 (US school grade; 0 or more). */
  grade: number;
}

export function readability(lines: readonly string[]): Readability {
  const sentences = lines.flatMap(sentencesOf);
  const counted = sentences.map((text) => ({ text, words: wordsOf(text) }));
  const words = counted.reduce((sum, s) => sum + s.words.length, 0);
  const syllables = counted.reduce((sum, s) => sum + s.words.reduce((n, w) => n + syllablesIn(w), 0), 0);
  const longest = counted.reduce<{ words: number; text: string }>(
    (most, s) => (s.words.length > most.words ? { words: s.words.length, text: s.text } : most),
    { words: 0, text: '' },
  );
  const perSentence = sentences.length ? words / sentences.length : 0;
  const perWord = words ? syllables / words : 0;
  return {
    sentences: sentences.length,
    words,
    syllables,
    averageSentenceLength: round(perSentence),
    longestSentence: longest,
    grade: words ? round(Math.max(0, 0.39 * perSentence + 11.8 * perWord - 15.59)) : 0,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Sentences end at . ! or ? followed by a space or the end; not inside numbers like 2.5 or after "e.g". */
export function sentencesOf(line: string): string[] {
  return line
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?…]["'”’)]?)\s+(?=["'“‘(]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => wordsOf(s).length > 0);
}

/** Words: runs of letters or digits, with apostrophes and hyphens inside them ("don't", "Easy-Read"). */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Words the rules below count wrongly, with their syllables. */
const EXCEPTIONS: Record<string, number> = {
  area: 3,
  idea: 3,
  ideas: 3,
  being: 2,
  seeing: 2,
  doing: 2,
  going: 2,
  create: 2,
  science: 2,
  quiet: 2,
  poem: 2,
  lion: 2,
  video: 3,
  radio: 3,
  business: 2,
  every: 2,
  evening: 2,
  everything: 3,
  someone: 2,
  sometimes: 2,
  something: 2,
  somewhere: 2,
  ok: 2,
};

/** An ending whose e makes no syllable: "make", "makes", "liked" (not "table", "pages", "wanted"). */
const silentEnding = (w: string) =>
  (/[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w)) ||
  (/[^aeiouy]es$/.test(w) && !/(?:[sxzcg]|[cs]h|[^aeiouy]l)es$/.test(w)) ||
  (/[^aeiouytd]ed$/.test(w) && !/[^aeiouy]led$/.test(w));

/**
 * Syllables in one English word: groups of vowels, less a silent ending, with a short list of
 * exceptions. Good enough for a reading grade, which averages over many words.
 */
export function syllablesIn(word: string): number {
  const w = word.toLowerCase().replace(/['’]/g, '');
  if (w.includes('-')) return w.split('-').reduce((n, part) => n + (part ? syllablesIn(part) : 0), 0);
  if (/^\d+$/.test(w)) return w.length;
  if (EXCEPTIONS[w] !== undefined) return EXCEPTIONS[w];
  if (w.length <= 3) return 1;
  const groups = w.match(/[aeiouy]+/g)?.length ?? 0;
  return Math.max(1, groups - (silentEnding(w) ? 1 : 0));
}
