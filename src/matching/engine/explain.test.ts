import { describe, expect, it } from 'vitest';
import { list, milesText } from './explain.js';

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
