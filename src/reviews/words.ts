import type { SymbolName } from '../platform/easy-read/symbols.js';

/** The words of reviews: kinds, the Care Act's nine wellbeing areas, ratings and the person's questions. */

export const REVIEW_KINDS = ['visit', 'review'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_NAMES: Record<ReviewKind, string> = { visit: 'Visit', review: 'Review' };

/** The nine areas of wellbeing in section 1 of the Care Act 2014, of equal weight, in the Act's order. */
export const WELLBEING_AREAS = [
  'dignity',
  'health',
  'protection',
  'control',
  'participation',
  'social_economic',
  'relationships',
  'accommodation',
  'contribution',
] as const;
export type WellbeingArea = (typeof WELLBEING_AREAS)[number];

export const WELLBEING_AREA_NAMES: Record<WellbeingArea, string> = {
  dignity: 'Personal dignity',
  health: 'Physical and mental health and emotional wellbeing',
  protection: 'Protection from abuse and neglect',
  control: 'Control over day-to-day life',
  participation: 'Participation in work, education, training or recreation',
  social_economic: 'Social and economic wellbeing',
  relationships: 'Domestic, family and personal relationships',
  accommodation: 'Suitability of living accommodation',
  contribution: 'Contribution to society',
};

/** Short names, for the chart's labels and narrow tables. */
export const WELLBEING_AREA_SHORT: Record<WellbeingArea, string> = {
  dignity: 'Dignity',
  health: 'Health and emotional wellbeing',
  protection: 'Safe from abuse and neglect',
  control: 'Control over daily life',
  participation: 'Work, learning and fun',
  social_economic: 'Social and money',
  relationships: 'Family and relationships',
  accommodation: 'Where they live',
  contribution: 'Giving to others',
};

/** The areas in Easy Read, said to the person themselves, with a symbol each. */
export const WELLBEING_AREA_EASY: Record<WellbeingArea, { words: string; symbol: SymbolName }> = {
  dignity: { words: 'Being treated with respect', symbol: 'person' },
  health: { words: 'Your health and feelings', symbol: 'medicine' },
  protection: { words: 'Being safe', symbol: 'lock' },
  control: { words: 'Choosing what you do', symbol: 'like' },
  participation: { words: 'Work, learning and fun', symbol: 'bus' },
  social_economic: { words: 'Going out and money', symbol: 'tea' },
  relationships: { words: 'Family and friends', symbol: 'people' },
  accommodation: { words: 'Where you live', symbol: 'home' },
  contribution: { words: 'Helping other people', symbol: 'help' },
};

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_NAMES: Record<Rating, string> = { 1: 'Very poor', 2: 'Poor', 3: 'OK', 4: 'Good', 5: 'Very good' };
/** The ratings in Easy Read, for the person reading their own review. */
export const RATING_EASY: Record<Rating, string> = { 1: 'not good at all', 2: 'not very good', 3: 'OK', 4: 'good', 5: 'very good' };

/** How the person answers each of their questions: with symbols, or not at all. */
export const ANSWERS = ['happy', 'ok', 'not_happy', 'skip'] as const;
export type Answer = (typeof ANSWERS)[number];
export const ANSWER_CHOICES: { value: Answer; symbol: SymbolName; text: string }[] = [
  { value: 'happy', symbol: 'feelings-happy', text: 'Happy' },
  { value: 'ok', symbol: 'feelings-ok', text: 'OK' },
  { value: 'not_happy', symbol: 'feelings-sad', text: 'Not happy' },
  { value: 'skip', symbol: 'no', text: 'I do not want to say' },
];
export const ANSWER_NAMES: Record<Answer, string> = { happy: 'Happy', ok: 'OK', not_happy: 'Not happy', skip: 'Did not want to say' };

/** The person's questions, in Easy Read: a topic and a question each, one a page. */
export const QUESTIONS = [
  { key: 'carer', symbol: 'carer', topic: 'Your carer', question: 'How do you feel about your time with your carer?' },
  { key: 'home', symbol: 'home', topic: 'Where you stay', question: 'How do you feel about the home you stay in?' },
  { key: 'safe', symbol: 'lock', topic: 'Feeling safe', question: 'How do you feel about being safe there?' },
  { key: 'choices', symbol: 'person', topic: 'Your choices', question: 'How do you feel about choosing what you do each day?' },
  { key: 'health', symbol: 'medicine', topic: 'Your health', question: 'How do you feel about your health?' },
  { key: 'doing', symbol: 'bus', topic: 'Things you do', question: 'How do you feel about the things you do?' },
  { key: 'people', symbol: 'people', topic: 'People you like', question: 'How do you feel about seeing people you like?' },
] as const satisfies readonly { key: string; symbol: SymbolName; topic: string; question: string }[];
export type QuestionKey = (typeof QUESTIONS)[number]['key'];
export const QUESTION_KEYS = QUESTIONS.map((q) => q.key) as [QuestionKey, ...QuestionKey[]];

export const ANSWERED_BY = ['themselves', 'with_support'] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];
