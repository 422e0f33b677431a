import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chord2FromMiles, greatCircleMiles, milesFromChord2, unitVector } from './distance.js';
import type { Coordinates } from './types.js';

const chord2 = (a: Coordinates, b: Coordinates) => {
  const [ax, ay, az] = unitVector(a);
  const [bx, by, bz] = unitVector(b);
  return (ax - bx) ** 2 + (ay - by) ** 2 + (az - bz) ** 2;
};

const point = fc.record({
  latitude: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('distance', () => {
  it('gives known distances between UK places', () => {
    const london = { latitude: 51.5074, longitude: -0.1278 };
    const manchester = { latitude: 53.4808, longitude: -2.2426 };
    const edinburgh = { latitude: 55.9533, longitude: -3.1883 };
    expect(greatCircleMiles(london, manchester)).toBeCloseTo(163, 0);
    expect(greatCircleMiles(london, edinburgh)).toBeCloseTo(332, 0);
    expect(greatCircleMiles(london, london)).toBe(0);
  });

  it('a quarter of the way round the Earth is a quarter of its circumference', () => {
    const miles = greatCircleMiles({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 });
    expect(miles).toBeCloseTo((2 * Math.PI * 3958.7613) / 4, 6);
  });

  it('the chord form agrees with the haversine formula (to within two yards, even near the antipodes)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(Math.abs(milesFromChord2(chord2(a, b)) - greatCircleMiles(a, b))).toBeLessThan(1e-3);
      }),
      { numRuns: 2000 },
    );
  });

  it('a distance limit and its chord limit agree', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), (miles) => {
        expect(milesFromChord2(chord2FromMiles(miles))).toBeCloseTo(miles, 6);
      }),
    );
    expect(chord2FromMiles(Infinity)).toBe(Infinity);
  });

  it('refuses coordinates that are not on Earth', () => {
    expect(() => unitVector({ latitude: 91, longitude: 0 })).toThrow(RangeError);
    expect(() => unitVector({ latitude: Number.NaN, longitude: 0 })).toThrow(RangeError);
  });
});
