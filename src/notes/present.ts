import { symbol } from '../platform/easy-read/symbols.js';
import { MOOD_WORDS, moodWords, type Mood } from './moods.js';

/** A note as every list shows it: the mood's symbol and words ("Happy", or "You felt happy" for the person). */
export function showNote<T extends { mood: Mood }>(note: T, reader: { self: boolean; name: string; plain: boolean }) {
  return {
    ...note,
    moodSymbol: symbol(MOOD_WORDS[note.mood].symbol).src,
    moodText: reader.plain ? moodWords(note.mood, reader) : MOOD_WORDS[note.mood].word,
  };
}

const SAVED: Record<string, string> = {
  note: 'Your note has been saved. Thank you.',
  flagged: 'Your note has been saved, and the scheme worker will see what you flagged.',
  dealt: 'Saved what was done. The note has left the list of things needing attention.',
};

export const notesSavedMessage = (key: unknown) => (typeof key === 'string' ? SAVED[key] : undefined);
