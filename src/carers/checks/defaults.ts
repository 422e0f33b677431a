import type { CheckType } from './requirements.js';

type DefaultCheckType = Omit<CheckType, 'id'> & { position: number };

/**
 * The checks and training a new scheme starts with: realistic defaults a manager can change at
 * /carers/settings/checks. (drizzle/0006_carers_custom.sql gives schemes made before this the same list.)
 */
export const DEFAULT_CHECK_TYPES: readonly DefaultCheckType[] = (
  [
    {
      name: 'DBS check (enhanced, with adults’ barred list)',
      kind: 'check',
      appliesTo: 'every_adult',
      validMonths: 36,
      howMany: 1,
      required: true,
    },
    { name: 'Reference', kind: 'check', appliesTo: 'carer', validMonths: null, howMany: 2, required: true },
    { name: 'GP health check', kind: 'check', appliesTo: 'carer', validMonths: null, howMany: 1, required: true },
    { name: 'Home health and safety check', kind: 'check', appliesTo: 'carer', validMonths: 12, howMany: 1, required: true },
    { name: 'Public liability insurance', kind: 'check', appliesTo: 'carer', validMonths: 12, howMany: 1, required: true },
    { name: 'Shared Lives induction', kind: 'training', appliesTo: 'carer', validMonths: null, howMany: 1, required: true },
    { name: 'First aid', kind: 'training', appliesTo: 'carer', validMonths: 36, howMany: 1, required: true },
    { name: 'Safeguarding adults', kind: 'training', appliesTo: 'carer', validMonths: 36, howMany: 1, required: true },
    { name: 'Medication', kind: 'training', appliesTo: 'carer', validMonths: 36, howMany: 1, required: true },
    { name: 'Moving and handling', kind: 'training', appliesTo: 'carer', validMonths: 36, howMany: 1, required: false },
    { name: 'Mental Capacity Act', kind: 'training', appliesTo: 'carer', validMonths: 36, howMany: 1, required: false },
  ] satisfies Omit<DefaultCheckType, 'position'>[]
).map((type, position) => ({ ...type, position }));
