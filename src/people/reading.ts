import type { Reading } from '../platform/easy-read/reading.js';
import type { CommunicationNeed } from './words.js';

/** What a person's communication needs (Accessible Information Standard) say, until they choose for themselves. */
export function readingFromNeeds(needs: readonly CommunicationNeed[]): Reading {
  const has = (need: CommunicationNeed) => needs.includes(need);
  return {
    easyRead: has('easy_read') || has('symbols'),
    largerText: has('large_print'),
    readAloudFirst: has('reader') || has('audio'),
    chosen: false,
  };
}
