/** The fixed lists of the people's journey, with the words shown for each. */

export const REFERRAL_SOURCES = ['social_worker', 'health', 'family', 'self', 'other'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const SOURCE_NAMES: Record<ReferralSource, string> = {
  social_worker: 'Social worker',
  health: 'Health (for example a GP, nurse or hospital)',
  family: 'Family or friend',
  self: 'The person themselves',
  other: 'Someone else',
};

export const URGENCIES = ['urgent', 'soon', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_NAMES: Record<Urgency, string> = {
  urgent: 'Urgent',
  soon: 'Soon (within a month)',
  routine: 'Routine',
};

/** The Accessible Information Standard's usual needs. */
export const COMMUNICATION_NEEDS = [
  'easy_read',
  'large_print',
  'bsl',
  'symbols',
  'reader',
  'plain_english',
  'audio',
  'braille',
  'other',
] as const;
export type CommunicationNeed = (typeof COMMUNICATION_NEEDS)[number];
export const NEED_NAMES: Record<CommunicationNeed, string> = {
  easy_read: 'Easy Read',
  large_print: 'Large print',
  bsl: 'British Sign Language (BSL) interpreter',
  symbols: 'Symbols or pictures',
  reader: 'Someone to read with them',
  plain_english: 'Plain English',
  audio: 'Audio or spoken information',
  braille: 'Braille',
  other: 'Something else',
};

export const CONTACT_METHODS = ['letter', 'email', 'phone_call', 'text_message', 'video_call', 'in_person', 'through_someone'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_NAMES: Record<ContactMethod, string> = {
  letter: 'Letter',
  email: 'Email',
  phone_call: 'Phone call',
  text_message: 'Text message',
  video_call: 'Video call',
  in_person: 'In person',
  through_someone: 'Through someone in their circle of support',
};

export const CIRCLE_RELATIONSHIPS = ['family', 'friend', 'advocate', 'social_worker', 'other'] as const;
export type CircleRelationship = (typeof CIRCLE_RELATIONSHIPS)[number];
export const RELATIONSHIP_NAMES: Record<CircleRelationship, string> = {
  family: 'Family',
  friend: 'Friend',
  advocate: 'Advocate',
  social_worker: 'Social worker',
  other: 'Someone else',
};

/** What a person can agree to share with someone in their circle. */
export const CONSENT_AREAS = ['profile', 'support_plan', 'daily_notes', 'matching'] as const;
export type ConsentArea = (typeof CONSENT_AREAS)[number];
export const CONSENT_NAMES: Record<ConsentArea, string> = {
  profile: 'Their one-page profile',
  support_plan: 'Their needs, risks and support plan',
  daily_notes: 'Daily notes',
  matching: 'Matching: what they want from a match, and how it is going',
};

/** The same, as the person reads them about their own record. */
export const CONSENT_NAMES_FOR_PERSON: Record<ConsentArea, string> = {
  profile: 'your one-page profile',
  support_plan: 'your needs, risks and support plan',
  daily_notes: 'daily notes',
  matching: 'what you want from a match, and how it is going',
};

/** Places that matter to a person: matching weighs how near each carer lives to them. */
export const PLACE_KINDS = ['family', 'friends', 'day_service', 'college', 'work', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_NAMES: Record<PlaceKind, string> = {
  family: 'Family',
  friends: 'Friends',
  day_service: 'Day service',
  college: 'College',
  work: 'Work',
  other: 'Somewhere else',
};

export const HOUSEHOLD_ANSWERS = ['would_like', 'fine', 'not_wanted'] as const;
export type HouseholdAnswer = (typeof HOUSEHOLD_ANSWERS)[number];

export const DEFAULT_SUPPORT_NEEDS = [
  'Learning disability',
  'Autism',
  'Mental health',
  'Dementia',
  'Physical disability',
  'Sensory impairment',
  'Older age',
  'Leaving hospital',
  'Acquired brain injury',
  'Drug or alcohol use',
] as const;

export const HOUSEHOLD_TOPICS = {
  children: {
    question: 'Children in the home',
    answers: {
      would_like: 'Would like to live with children',
      fine: 'Happy either way',
      not_wanted: 'Would rather not live with children',
    },
  },
  pets: {
    question: 'Pets in the home',
    answers: { would_like: 'Would like to live with pets', fine: 'Happy either way', not_wanted: 'Would rather not live with pets' },
  },
  smoking: {
    question: 'Smoking in the home',
    answers: { would_like: 'Wants a home where smoking is allowed', fine: 'Does not mind', not_wanted: 'Wants a smoke-free home' },
  },
} as const satisfies Record<string, { question: string; answers: Record<HouseholdAnswer, string> }>;
