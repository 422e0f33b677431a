import type { SymbolName } from '../platform/easy-read/symbols.js';

/**
 * How the person seemed, on a simple five-point scale, each point with a feelings symbol from the
 * Easy Read kit and a word: 1 is very unhappy, 5 very happy. Stored as the number.
 */
export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

interface MoodWords {
  /** On the carer's form and the worker's lists. */
  word: string;
  /** For the person reading about themselves: "You felt happy". */
  felt: string;
  symbol: SymbolName;
}

export const MOOD_WORDS: Record<Mood, MoodWords> = {
  1: { word: 'Very unhappy', felt: 'very unhappy', symbol: 'feelings-upset' },
  2: { word: 'Unhappy', felt: 'unhappy', symbol: 'feelings-sad' },
  3: { word: 'OK', felt: 'OK', symbol: 'feelings-ok' },
  4: { word: 'Happy', felt: 'happy', symbol: 'feelings' },
  5: { word: 'Very happy', felt: 'very happy', symbol: 'feelings-happy' },
};

export const isMood = (value: unknown): value is Mood => MOODS.includes(value as Mood);

/** The mood as it reads to whoever is looking: "Happy" for staff and carers, "You felt happy" for the person. */
export function moodWords(mood: Mood, reader: { self: boolean; name: string }): string {
  const felt = MOOD_WORDS[mood].felt;
  return reader.self ? `You felt ${felt}` : `${reader.name} felt ${felt}`;
}
