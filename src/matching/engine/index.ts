/** The matching engine's public API: pure functions over plain data. See types.ts for the inputs. */
export * from './types.js';
export { greatCircleMiles } from './distance.js';
export { DEFAULT_WEIGHTS, resolveSettings, type ResolvedSettings } from './settings.js';
export { encodeCarers, encodePeople, type CarerPool, type PeoplePool } from './encode.js';
export { explainMatch, scoreAll, shortlistForCarer, shortlistForPerson, shortlistInPool, type ScoreTable } from './shortlist.js';
export { maxWeightAssignment, suggestAssignment, type AssignmentProblem, type AssignmentResult, type AssignmentSuggestion } from './assignment.js';
export { blockingPairs, stableMatching, suggestStableMatching, type Proposing, type StableMarket, type StableMatching, type StablePair, type StableSuggestion } from './stable.js';
export { shortBreakShortlist, type ShortBreakMatch, type ShortBreakShortlist } from './short-breaks.js';
