import { describe, expect, it } from 'vitest';
import { list, milesText } from './explain.js';
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

describe('not known', () => {
  it('tells each reader what is not known about a sparse record, earning it nothing', () => {
    const pool = encodePeople([aPerson({ interests: ['gardening'] })], encodeCarers([aCarer({ interests: ['Gardening'] })]));
    const result = explainMatch('person-1', 'carer-1', pool, 'worker');
    if (!result.suitable) throw new Error('expected a suitable pair');
    expect(result.contributions[0]).toEqual({ factor: 'interests', points: 20, text: 'Both enjoy gardening', known: true });
    expect(result).toMatchObject({ score: 20, known: 1, of: 8, miles: 0 });
    const unknown = result.contributions.filter((c) => !c.known);
    expect(unknown.map((c) => c.text)).toEqual([
      "Daily routines not known: the person's and the carer's routines are not recorded yet",
      "Language not known: the person's and the carer's languages are not recorded yet",
      'Faith and culture not known: no wishes about them recorded yet',
      'Places that matter not known: none recorded yet',
      'Household fit not known: no wishes about the home recorded yet',
      'Wishes on both sides not known: none to compare yet',
      "Worker's view not known: no note yet",
    ]);
    expect(unknown.every((c) => c.points === 0)).toBe(true);
  });
});
