/** What a carer is approved for: the words of approval terms, shared by the panel, the decision and matching. */
export const ARRANGEMENT_TYPES = ['live_in', 'short_breaks', 'day_support'] as const;
export type ArrangementType = (typeof ARRANGEMENT_TYPES)[number];

export const ARRANGEMENT_TYPE_NAMES: Record<ArrangementType, string> = {
  live_in: 'Long-term (live-in)',
  short_breaks: 'Short breaks',
  day_support: 'Day support',
};

export const NEEDS = [
  'learning_disability',
  'autism',
  'mental_health',
  'dementia',
  'physical_disability',
  'sensory_impairment',
  'older_people',
  'leaving_hospital',
  'leaving_prison',
  'young_adults',
] as const;
export type Need = (typeof NEEDS)[number];

export const NEED_NAMES: Record<Need, string> = {
  learning_disability: 'Learning disability',
  autism: 'Autism',
  mental_health: 'Mental health',
  dementia: 'Dementia',
  physical_disability: 'Physical disability',
  sensory_impairment: 'Sensory impairment',
  older_people: 'Older people',
  leaving_hospital: 'Leaving hospital',
  leaving_prison: 'Leaving prison',
  young_adults: 'Young adults moving on from children’s services',
};

/** A carer may usually support up to 3 people at once; a scheme may set fewer in each carer's terms. */
export const MAX_PEOPLE = 3;

export interface ApprovalTerms {
  maxPeople: number;
  arrangementTypes: ArrangementType[];
  needs: Need[];
}

export const describeTerms = (terms: ApprovalTerms) => ({
  maxPeople: `${terms.maxPeople} ${terms.maxPeople === 1 ? 'person' : 'people'} at once`,
  arrangementTypes: terms.arrangementTypes.map((t) => ARRANGEMENT_TYPE_NAMES[t]).join(', '),
  needs: terms.needs.length ? terms.needs.map((n) => NEED_NAMES[n]).join(', ') : 'None named',
});
