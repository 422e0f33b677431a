import { describe, expect, it } from 'vitest';
import { isNothingToCompare, list, milesText } from './explain.js';
import { encodeCarers, encodePeople } from './encode.js';
import { explainMatch } from './shortlist.js';
import { aCarer, aPerson } from './testing.js';

describe('plain English', () => {
  it('lists things the way people say them', () => {
    expect(list([])).toBe('');
    expect(list(['gardening'])).toBe('gardening');
    expect(list(['gardening', 'football'])).toBe('gardening and football');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(list(['dogs', 'cats'], 'or')).toBe('dogs or cats');
    expect(list(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d and 3 more');
  });

  it('says distances simply', () => {
    expect(milesText(0.2)).toBe('under a mile');
    expect(milesText(0.6)).toBe('1 mile');
    expect(milesText(12.4)).toBe('12 miles');
  });
});

describe('nothing to compare', () => {
  it('marks the factors a sparse record cannot say anything about, and only those', () => {
    const pool = encodePeople([aPerson({ interests: ['gardening'] })], encodeCarers([aCarer({ interests: ['Gardening'] })]));
    const result = explainMatch('person-1', 'carer-1', pool, 'worker');
    if (!result.suitable) throw new Error('expected a suitable pair');
    const said = result.contributions.filter((c) => !isNothingToCompare(c.text)).map((c) => c.text);
    expect(said).toContain('Both enjoy gardening');
    expect(said.some((t) => /yet$|No worker's note/.test(t))).toBe(false);
    expect(result.contributions.filter((c) => isNothingToCompare(c.text)).length).toBeGreaterThanOrEqual(4);
  });
});
