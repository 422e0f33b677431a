import { describe, expect, it } from 'vitest';
import { checkboxes, ids, optionalWholeNumber } from './fields.js';

const id = '7f1c1f1e-8a57-4a3b-9d2a-3c7b1a2b3c4d';

describe('shared fields', () => {
  it('takes ids from a route, and answers any other value as a page that is not there', () => {
    expect(ids({ id, memberId: id }, 'id', 'memberId')).toEqual({ id, memberId: id });
    expect(() => ids({ id: 'nope' }, 'id')).toThrow(expect.objectContaining({ statusCode: 404 }));
  });

  it('reads checkboxes as a list of known values, however many were ticked', () => {
    const needs = checkboxes(['a', 'b'] as const);
    expect([needs.parse(undefined), needs.parse('a'), needs.parse(['a', 'b', ''])]).toEqual([[], ['a'], ['a', 'b']]);
    expect(needs.safeParse(['c']).error?.issues[0]?.message).toBe('Choose from the list');
  });

  it('reads a whole number, or nothing', () => {
    const rooms = optionalWholeNumber('Bedrooms', { max: 9 });
    expect([rooms.parse(''), rooms.parse(' 3 ')]).toEqual([null, 3]);
    expect(rooms.safeParse('12').error?.issues[0]?.message).toBe('Bedrooms must be between 0 and 9');
  });
});
