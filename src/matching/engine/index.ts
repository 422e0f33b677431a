/**
 * The matching engine: pure functions over plain data (no database, no HTTP). Inputs are in
 * types.ts; the store maps rows onto them.
 *
 *   const carers = encodeCarers(schemeCarers, scheme.settings);   // once per scheme and change
 *   shortlistForPerson(person, carers, { facts });                 // one person's carers, explained
 *   const people = encodePeople(waiting, carers, facts);
 *   shortlistForCarer(carerId, people);                            // one carer's waiting people
 *   explainMatch(personId, carerId, people);                       // why (not) one pair
 *   shortBreakShortlist(person, { from, to }, carers, { facts });  // carers free on those nights
 *   suggestAssignment(people);                                     // best total score within free places
 *   suggestStableMatching(people, { proposing: 'people' });        // no pair would rather be together
 *
 * Suggestions are for the worker and the people involved to consider; nothing here changes a record.
 * The same input always gives the same output (ties are broken by id).
 */
export * from './types.js';
export { greatCircleMiles } from './distance.js';
export { milesText } from './explain.js';
export { DEFAULT_WEIGHTS, resolveSettings, type ResolvedSettings } from './settings.js';
export { encodeCarers, encodePeople, type CarerPool, type PeoplePool } from './encode.js';
export { explainMatch, scoreAll, shortlistForCarer, shortlistForPerson, shortlistInPool, type ScoreTable } from './shortlist.js';
export {
  maxWeightAssignment,
  suggestAssignment,
  type AssignmentProblem,
  type AssignmentResult,
  type AssignmentSuggestion,
} from './assignment.js';
export {
  blockingPairs,
  stableMatching,
  suggestStableMatching,
  type Proposing,
  type StableMarket,
  type StableMatching,
  type StablePair,
  type StableSuggestion,
} from './stable.js';
export { shortBreakShortlist, type ShortBreakMatch, type ShortBreakShortlist } from './short-breaks.js';
