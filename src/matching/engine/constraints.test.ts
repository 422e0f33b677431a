import { describe, expect, it } from 'vitest';
import { encodeCarers, encodePeople } from './encode.js';
import { explainPair } from './explain.js';
import { LEEDS, aCarer, aPerson, milesNorth } from './testing.js';
import type { Audience, MatchCarer, MatchPerson, PairFacts, PairResult, SchemeSettings } from './types.js';

function pair(
  person: MatchPerson,
  carer: MatchCarer,
  options: { facts?: PairFacts; settings?: SchemeSettings; audience?: Audience } = {},
): PairResult {
  const carers = encodeCarers([carer], options.settings);
  return explainPair(encodePeople([person], carers, options.facts), 0, carers, 0, options.audience);
}

/** The reasons a pair is excluded, as text; [] when suitable. */
function reasons(person: MatchPerson, carer: MatchCarer, options: Parameters<typeof pair>[2] = {}): string[] {
  const result = pair(person, carer, options);
  return result.suitable ? [] : result.reasons.map((r) => r.text);
}

describe('hard constraints', () => {
  it('a plain pair is suitable', () => {
    expect(pair(aPerson(), aCarer()).suitable).toBe(true);
  });

  it('arrangement type must be approved', () => {
    const carer = aCarer({ approval: { maxPeople: 2, arrangementTypes: ['live_in'], needs: ['learning disability'] } });
    expect(reasons(aPerson({ arrangement: 'short_breaks' }), carer)).toEqual(['Not approved for short breaks']);
    expect(reasons(aPerson({ arrangement: 'day_support' }), carer)).toEqual(['Not approved for day support']);
    expect(reasons(aPerson({ arrangement: 'live_in' }), carer)).toEqual([]);
  });

  it('every need must be approved, compared without case', () => {
    expect(reasons(aPerson({ needs: ['Learning Disability ', 'autism'] }), aCarer())).toEqual([]);
    expect(reasons(aPerson({ needs: ['autism', 'dementia', 'mental health'] }), aCarer())).toEqual([
      'Not approved for dementia and mental health support',
    ]);
  });

  it('needs a free place for live-in and day support, not for short breaks', () => {
    const full = aCarer({
      approval: { maxPeople: 1, arrangementTypes: ['live_in', 'short_breaks', 'day_support'], needs: ['learning disability'] },
      supporting: [{ personId: 'someone', arrangement: 'day_support' }],
    });
    expect(reasons(aPerson(), full)).toEqual(['No free place']);
    expect(reasons(aPerson({ arrangement: 'day_support' }), full)).toEqual(['No free place']);
    expect(reasons(aPerson({ arrangement: 'short_breaks' }), full)).toEqual([]);
    const shortBreakOnly = { ...full, supporting: [{ personId: 'someone', arrangement: 'short_breaks' as const }] };
    expect(reasons(aPerson(), shortBreakOnly)).toEqual([]);
  });

  it('live-in and short breaks need a spare bedroom; day support does not', () => {
    const noRoom = aCarer({ household: { spareBedrooms: 0 } });
    expect(reasons(aPerson(), noRoom)).toEqual(['No spare bedroom']);
    expect(reasons(aPerson({ arrangement: 'short_breaks' }), noRoom)).toEqual(['No spare bedroom']);
    expect(reasons(aPerson({ arrangement: 'day_support' }), noRoom)).toEqual([]);
  });

  it("keeps within the person's distance, measured from their area", () => {
    const carer = aCarer({ home: milesNorth(LEEDS, 28) });
    expect(reasons(aPerson({ maxMiles: 15 }), carer)).toEqual(['28 miles away: more than the 15 miles you want']);
    expect(reasons(aPerson({ maxMiles: 30 }), carer)).toEqual([]);
    const area = { ...milesNorth(LEEDS, 60), name: 'Darlington' };
    expect(reasons(aPerson({ maxMiles: 15, area }), carer)).toEqual(['32 miles from Darlington: more than the 15 miles you want']);
    expect(reasons(aPerson({ maxMiles: 15 }), carer, { audience: 'carer' })).toEqual(['28 miles away: more than the 15 miles they want']);
  });

  it('shows a distance just over the limit precisely enough to see it is over', () => {
    const carer = aCarer({ home: milesNorth(LEEDS, 15.3) });
    expect(reasons(aPerson({ maxMiles: 15 }), carer)).toEqual(['15.3 miles away: more than the 15 miles you want']);
  });

  it("keeps within the scheme's distance", () => {
    const carer = aCarer({ home: milesNorth(LEEDS, 40) });
    expect(reasons(aPerson(), carer, { settings: { maxMiles: 30 } })).toEqual(["40 miles away: more than the scheme's 30-mile limit"]);
    expect(reasons(aPerson(), carer, { settings: { maxMiles: 50 } })).toEqual([]);
  });

  it('pets the person cannot live with', () => {
    const carer = aCarer({ household: { spareBedrooms: 1, pets: ['Cat', 'dog'] } });
    expect(reasons(aPerson({ household: { pets: { notOk: ['cat'] } } }), carer)).toEqual(['A cat at home: you want a home without cats']);
    expect(reasons(aPerson({ household: { pets: { notOk: 'any' } } }), carer)).toEqual(['Pets at home: you want a home without pets']);
    expect(reasons(aPerson({ household: { pets: { notOk: ['rabbit'] } } }), carer)).toEqual([]);
    expect(reasons(aPerson({ household: { pets: { notOk: 'any' } } }), aCarer())).toEqual([]);
  });

  it('smoking, both ways', () => {
    const smokingHome = aCarer({ household: { spareBedrooms: 1, smoking: true } });
    expect(reasons(aPerson({ household: { smokeFree: 'needed' } }), smokingHome)).toEqual([
      'Someone smokes at home: you need a smoke-free home',
    ]);
    expect(reasons(aPerson({ household: { smokeFree: 'preferred' } }), smokingHome)).toEqual([]);
    const noSmokers = aCarer({ household: { spareBedrooms: 1, acceptsSmoker: false } });
    expect(reasons(aPerson({ household: { smokes: true } }), noSmokers)).toEqual(['Cannot support someone who smokes: you smoke']);
    expect(reasons(aPerson({ household: { smokes: true } }), aCarer())).toEqual([]);
  });

  it('step-free and own bathroom when needed', () => {
    const person = aPerson({ household: { stepFree: 'needed', ownBathroom: 'needed' } });
    expect(reasons(person, aCarer())).toEqual(['Not step-free: you need a step-free home', 'No bathroom of your own: you need one']);
    expect(reasons(person, aCarer({ household: { spareBedrooms: 1, stepFree: true, ownBathroom: true } }))).toEqual([]);
    expect(reasons(person, aCarer(), { audience: 'carer' })).toEqual([
      'Not step-free: they need a step-free home',
      'No bathroom of their own: they need one',
    ]);
  });

  it('children at home when the person cannot live with children', () => {
    const family = aCarer({ household: { spareBedrooms: 1, children: 2 } });
    expect(reasons(aPerson({ household: { children: 'not_ok' } }), family)).toEqual(['Children at home: you need a home without children']);
    expect(reasons(aPerson({ household: { children: 'likes' } }), family)).toEqual([]);
  });

  it('someone the person must not live with lives there', () => {
    const carer = aCarer({ supporting: [{ personId: 'p-9', arrangement: 'live_in' }] });
    expect(reasons(aPerson({ household: { mustNotLiveWith: ['p-9'] } }), carer)).toEqual([
      'Someone you do not want to live with lives here',
    ]);
    const dayOnly = aCarer({ supporting: [{ personId: 'p-9', arrangement: 'day_support' }] });
    expect(reasons(aPerson({ household: { mustNotLiveWith: ['p-9'] } }), dayOnly)).toEqual([]);
  });

  it('a no from either side', () => {
    const facts = (by: 'person' | 'carer'): PairFacts => ({ declines: [{ personId: 'person-1', carerId: 'carer-1', by }] });
    expect(reasons(aPerson(), aCarer(), { facts: facts('person') })).toEqual(['You said no to this carer']);
    expect(reasons(aPerson(), aCarer(), { facts: facts('carer') })).toEqual(['The carer said no to this match']);
    expect(reasons(aPerson(), aCarer(), { facts: facts('carer'), audience: 'carer' })).toEqual(['You said no to this person']);
    expect(reasons(aPerson(), aCarer(), { facts: facts('person'), audience: 'worker' })).toEqual(['The person said no to this carer']);
    expect(reasons(aPerson(), aCarer(), { facts: facts('carer'), audience: 'worker' })).toEqual(['The carer said no to this person']);
    expect(reasons(aPerson({ household: { stepFree: 'needed' } }), aCarer(), { audience: 'worker' })).toEqual([
      'Not step-free: they need a step-free home',
    ]);
    expect(reasons(aPerson(), aCarer(), { facts: { declines: [{ personId: 'person-1', carerId: 'carer-2', by: 'person' }] } })).toEqual([]);
  });

  it('names every constraint that fails, in a fixed order', () => {
    const carer = aCarer({
      home: milesNorth(LEEDS, 50),
      approval: { maxPeople: 0, arrangementTypes: ['day_support'], needs: [] },
      household: { smoking: true },
    });
    const result = pair(aPerson({ maxMiles: 10, household: { smokeFree: 'needed' } }), carer, {
      facts: { declines: [{ personId: 'person-1', carerId: 'carer-1', by: 'person' }] },
    });
    expect(result.suitable).toBe(false);
    if (!result.suitable) {
      expect(result.reasons.map((r) => r.constraint)).toEqual([
        'arrangement',
        'needs',
        'capacity',
        'bedroom',
        'distance',
        'smoking',
        'personSaidNo',
      ]);
    }
  });
});
