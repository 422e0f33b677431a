import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePostcode, optionalPostcode, postcode } from './postcode.js';

const letter = fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ');
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const outward = fc.oneof(
  fc.tuple(letter, digit).map((p) => p.join('')),
  fc.tuple(letter, letter, digit, digit).map((p) => p.join('')),
  fc.tuple(letter, letter, digit, letter).map((p) => p.join('')),
);
const inward = fc.tuple(digit, letter, letter).map((p) => p.join(''));
const spaces = fc.constantFrom('', ' ', '  ', '\t');

describe('postcodes typed in a form', () => {
  it('writes a postcode in its usual form, however it was typed', () => {
    expect(normalisePostcode('nb1 2ab')).toBe('NB1 2AB');
    expect(normalisePostcode(' sw1a1aa ')).toBe('SW1A 1AA');
    expect(normalisePostcode('M6  0AB')).toBe('M6 0AB');
    expect(normalisePostcode('NB1')).toBeNull();
    expect(normalisePostcode('12345')).toBeNull();
  });

  it('finds the same postcode in any spacing and case, and leaves a normalised one as it is', () => {
    fc.assert(
      fc.property(outward, inward, spaces, fc.boolean(), (out, inn, gap, lower) => {
        const typed = `${out}${gap}${inn}`;
        const usual = normalisePostcode(lower ? typed.toLowerCase() : typed);
        expect(usual).toBe(`${out} ${inn}`);
        expect(normalisePostcode(usual!)).toBe(usual);
      }),
    );
  });

  it('answers null or a postcode of the usual shape for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const usual = normalisePostcode(text);
        expect(usual === null || /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/.test(usual)).toBe(true);
      }),
    );
  });

  it('says what to do with a malformed postcode', () => {
    const field = optionalPostcode();
    expect([field.parse(''), field.parse(undefined), field.parse(' nb14qt ')]).toEqual([null, null, 'NB1 4QT']);
    expect(field.safeParse('NB1').error?.issues[0]?.message).toBe('Enter the full postcode, like NB1 4QT, not only the first part');
    expect(field.safeParse('NB1 4Q!').error?.issues[0]?.message).toBe('A postcode has only letters and numbers, like NB1 4QT');
    expect(field.safeParse('hello').error?.issues[0]?.message).toBe('Enter a real postcode, like NB1 4QT');
    expect(postcode('Enter their postcode').safeParse('').error?.issues[0]?.message).toBe('Enter their postcode');
  });
});
