export const REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
] as const;

export const SCHEME_KINDS = { shared_lives: 'Shared Lives', homeshare: 'Homeshare', both: 'Shared Lives and Homeshare' } as const;
