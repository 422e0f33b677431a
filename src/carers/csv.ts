import { z } from 'zod';
import { defineCsv } from '../platform/csv/define.js';
import { addMonths, isIsoDate, type IsoDate, todayInUk } from '../platform/dates.js';
import { optionalPostcode } from '../platform/forms/postcode.js';
import { formatDate } from '../platform/layout/views.js';
import { SMOKING, splitList, type Smoking } from './household.js';
import { CARER_STAGES, CURRENT, REASON_NEEDED, STAGE_NAMES, type CarerStage } from './stages.js';
import { ARRANGEMENT_TYPE_NAMES, ARRANGEMENT_TYPES, MAX_PEOPLE, NEED_NAMES, NEEDS, type ArrangementType, type Need } from './terms.js';

/** One carer as a spreadsheet row: details, where they are in the journey, their terms and their home. */
export interface CarerCsvRow {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  postcode?: string | undefined;
  area?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  workerEmail?: string | undefined;
  stage: CarerStage;
  stageSince?: IsoDate | undefined;
  reason?: string | undefined;
  enquiredOn?: IsoDate | undefined;
  approvedOn?: IsoDate | undefined;
  reviewDueOn?: IsoDate | undefined;
  maxPeople?: number | undefined;
  arrangementTypes?: ArrangementType[] | undefined;
  needs?: Need[] | undefined;
  bedrooms?: number | undefined;
  spareBedrooms?: number | undefined;
  stepFree?: boolean | undefined;
  ownBathroom?: boolean | undefined;
  smoking?: Smoking | undefined;
  pets?: string | undefined;
  languages?: string[] | undefined;
  faith?: string | undefined;
  culture?: string | undefined;
  interests?: string[] | undefined;
  routines?: string | undefined;
  hearthId?: string | undefined;
}

const textCell = (label: string, max = 200) => z.string().max(max, `${label} must be ${max} characters or fewer`).optional();

/** Dates as 2026-03-27 or 27/03/2026, as spreadsheets write them. */
export function parseCsvDate(text: string): IsoDate | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
  return isIsoDate(iso) && iso >= '1900-01-01' ? iso : null;
}

const dateCell = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const date = parseCsvDate(v);
      if (!date) ctx.issues.push({ code: 'custom', message: `${label} must be a real date, like 27/03/2026`, input: v });
      else if (date > todayInUk()) ctx.issues.push({ code: 'custom', message: `${label} must be today or in the past`, input: v });
      return date ?? undefined;
    });

const numberCell = (label: string, min: number, max: number, whole = true) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
        ctx.issues.push({
          code: 'custom',
          message: `${label} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`,
          input: v,
        });
      }
      return n;
    });

const yesNoCell = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const answer = v.toLowerCase();
      if (['yes', 'y', 'true'].includes(answer)) return true;
      if (['no', 'n', 'false'].includes(answer)) return false;
      ctx.issues.push({ code: 'custom', message: `${label} must be Yes or No`, input: v });
      return undefined;
    });

/** A value by its key or its name, whatever the case: "Initial visit" or "initial_visit". */
function named<const T extends string>(values: readonly T[], names: Record<T, string>) {
  const lookup = new Map<string, T>(
    values.flatMap((v) => [
      [v.toLowerCase(), v],
      [names[v].toLowerCase(), v],
    ]),
  );
  return (text: string) => lookup.get(text.trim().toLowerCase()) ?? null;
}

const stageOf = named(CARER_STAGES, STAGE_NAMES);
const stageCell = z.string({ error: 'Enter the stage they are at' }).transform((v, ctx) => {
  const stage = stageOf(v);
  if (!stage) ctx.issues.push({ code: 'custom', input: v, message: `Enter one of: ${CARER_STAGES.map((s) => STAGE_NAMES[s]).join(', ')}` });
  return stage ?? 'enquiry';
});

const listCell = <const T extends string>(label: string, values: readonly T[], names: Record<T, string>) => {
  const of = named(values, names);
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const items = v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((i) => !of(i));
      if (unknown.length)
        ctx.issues.push({
          code: 'custom',
          message: `${label}: “${unknown[0]}” is not one Hearth knows. Use ${values.map((x) => names[x]).join(', ')}, separated by ;`,
          input: v,
        });
      return [...new Set(items.map(of).filter((x): x is T => x !== null))];
    });
};

export const SMOKING_CSV: Record<Smoking, string> = { no: 'No', outside: 'Outside', inside: 'Inside' };
const smokingOf = named(SMOKING, SMOKING_CSV);

export const carersCsv = defineCsv<CarerCsvRow>({
  name: 'carers',
  unique: ['email', 'hearthId'],
  columns: [
    {
      header: 'Name',
      field: 'name',
      schema: z.string({ error: 'Enter the carer’s full name' }).max(120, 'Name must be 120 characters or fewer'),
      example: 'Ada Hart',
      required: true,
    },
    {
      header: 'Email',
      field: 'email',
      schema: z
        .string()
        .toLowerCase()
        .pipe(z.email({ error: 'Enter an email address like name@example.com' }))
        .optional(),
      example: 'ada.hart@example.org',
    },
    { header: 'Phone', field: 'phone', schema: textCell('Phone', 30), example: '07700 900123' },
    { header: 'Address', field: 'address', schema: textCell('Address', 300), example: '12 Mill Lane, Northbrook' },
    {
      header: 'Postcode',
      field: 'postcode',
      example: 'NB1 2AB',
      schema: optionalPostcode().transform((v) => v ?? undefined),
    },
    { header: 'Area', field: 'area', schema: textCell('Area', 80), example: 'Northbrook East' },
    {
      header: 'Latitude',
      field: 'latitude',
      schema: numberCell('Latitude', -90, 90, false),
      example: '53.71234',
      hint: 'Optional: where their home is, for matching by distance',
    },
    { header: 'Longitude', field: 'longitude', schema: numberCell('Longitude', -180, 180, false), example: '-2.45678' },
    {
      header: 'Scheme worker email',
      field: 'workerEmail',
      schema: z
        .string()
        .toLowerCase()
        .pipe(z.email({ error: 'Enter the worker’s email address, or leave it empty' }))
        .optional(),
      example: 'worker@demo.hearth.example',
      hint: 'The email a scheme worker or manager signs in with',
    },
    {
      header: 'Stage',
      field: 'stage',
      schema: stageCell,
      example: 'Approved',
      hint: `One of: ${CARER_STAGES.map((s) => STAGE_NAMES[s]).join(', ')}. For a carer already in Hearth, as it is there.`,
      required: true,
      onUpdate: 'fixed',
    },
    {
      header: 'In this stage since',
      field: 'stageSince',
      schema: dateCell('In this stage since'),
      example: '14/05/2021',
      hint: 'A date like 27/03/2026; today if empty',
      onUpdate: 'fixed',
    },
    {
      header: 'Reason',
      field: 'reason',
      schema: textCell('Reason', 1000),
      example: '',
      hint: 'Needed for Withdrawn, Declined, Paused and Left',
      onUpdate: 'fixed',
    },
    {
      header: 'First got in touch',
      field: 'enquiredOn',
      schema: dateCell('First got in touch'),
      example: '02/11/2020',
      hint: 'A date like 02/11/2020; the stage’s date if empty',
      onUpdate: 'keep',
    },
    {
      header: 'Approved on',
      field: 'approvedOn',
      schema: dateCell('Approved on'),
      example: '14/05/2021',
      hint: 'Needed for Approved, Paused and Left',
      onUpdate: 'fixed',
    },
    {
      header: 'Next yearly review',
      field: 'reviewDueOn',
      schema: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (!v) return undefined;
          const date = parseCsvDate(v);
          if (!date) ctx.issues.push({ code: 'custom', message: 'Next yearly review must be a real date, like 27/03/2026', input: v });
          return date ?? undefined;
        }),
      example: '14/05/2026',
      hint: 'A year after approval if empty',
      onUpdate: 'fixed',
    },
    {
      header: 'Approved for how many people',
      field: 'maxPeople',
      schema: numberCell('Approved for how many people', 1, MAX_PEOPLE),
      example: '2',
      hint: `1 to ${MAX_PEOPLE}; needed for Approved and Paused`,
      onUpdate: 'fixed',
    },
    {
      header: 'Kinds of arrangement',
      field: 'arrangementTypes',
      schema: listCell('Kinds of arrangement', ARRANGEMENT_TYPES, ARRANGEMENT_TYPE_NAMES),
      example: 'Long-term (live-in); Short breaks',
      hint: `${ARRANGEMENT_TYPES.map((t) => ARRANGEMENT_TYPE_NAMES[t]).join('; ')}: separated by ;`,
      onUpdate: 'fixed',
    },
    {
      header: 'Needs approved for',
      field: 'needs',
      schema: listCell('Needs approved for', NEEDS, NEED_NAMES),
      example: 'Learning disability; Autism',
      hint: `${NEEDS.map((n) => NEED_NAMES[n]).join('; ')}: separated by ;`,
      onUpdate: 'fixed',
    },
    { header: 'Bedrooms', field: 'bedrooms', schema: numberCell('Bedrooms', 0, 30), example: '3' },
    { header: 'Spare bedrooms', field: 'spareBedrooms', schema: numberCell('Spare bedrooms', 0, 30), example: '1' },
    { header: 'Step-free access', field: 'stepFree', schema: yesNoCell('Step-free access'), example: 'No', hint: 'Yes or No' },
    {
      header: 'Own bathroom',
      field: 'ownBathroom',
      schema: yesNoCell('Own bathroom'),
      example: 'Yes',
      hint: 'Yes or No: could the person have their own bathroom?',
    },
    {
      header: 'Smoking',
      field: 'smoking',
      example: 'No',
      hint: 'No, Outside or Inside',
      schema: z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (!v) return undefined;
          const found = smokingOf(v);
          if (!found) ctx.issues.push({ code: 'custom', message: 'Smoking must be No, Outside or Inside', input: v });
          return found ?? undefined;
        }),
    },
    { header: 'Pets', field: 'pets', schema: textCell('Pets', 300), example: 'A dog' },
    {
      header: 'Languages',
      field: 'languages',
      schema: z
        .string()
        .optional()
        .transform((v) => (v ? splitList(v) : undefined)),
      example: 'English; Polish',
      hint: 'Separated by ;',
    },
    { header: 'Faith', field: 'faith', schema: textCell('Faith'), example: 'Christian' },
    { header: 'Culture', field: 'culture', schema: textCell('Culture', 500), example: 'Big family Sunday dinners' },
    {
      header: 'Interests',
      field: 'interests',
      schema: z
        .string()
        .optional()
        .transform((v) => (v ? splitList(v) : undefined)),
      example: 'gardening; football',
      hint: 'Separated by ;',
    },
    { header: 'Routines', field: 'routines', schema: textCell('Routines', 2000), example: 'Up early; quiet evenings' },
    {
      header: 'Hearth ID',
      field: 'hearthId',
      schema: z.uuid({ error: 'A Hearth ID is as Hearth exported it: leave it empty for someone new' }).optional(),
      example: '',
      hint: 'Empty for someone new. Keep it as exported to change a carer already in Hearth (without it, their email finds them).',
      onUpdate: 'match',
    },
  ],
  fixed: (saved) =>
    `Hearth has them at ${STAGE_NAMES[saved.stage]}${saved.stageSince ? ` since ${formatDate(saved.stageSince)}` : ''}: change their stage and approval on their record, where each move is checked`,
  check: (row) => {
    const problems: { field: string; message: string }[] = [];
    const since = row.stageSince ?? todayInUk();
    if (REASON_NEEDED.includes(row.stage) && !row.reason)
      problems.push({ field: 'reason', message: `Give the reason they are ${STAGE_NAMES[row.stage].toLowerCase()}` });
    const approved = CURRENT.includes(row.stage) || row.stage === 'left';
    if (approved && !row.approvedOn)
      problems.push({ field: 'approvedOn', message: `Give the date they were approved: they are ${STAGE_NAMES[row.stage].toLowerCase()}` });
    if (!approved && row.approvedOn)
      problems.push({ field: 'approvedOn', message: `Leave this empty: a carer at ${STAGE_NAMES[row.stage]} is not approved` });
    if (CURRENT.includes(row.stage) && !row.maxPeople)
      problems.push({ field: 'maxPeople', message: 'Give how many people they are approved for' });
    if (CURRENT.includes(row.stage) && !row.arrangementTypes?.length)
      problems.push({ field: 'arrangementTypes', message: 'Give the kinds of arrangement they are approved for' });
    if (row.enquiredOn && row.enquiredOn > since)
      problems.push({ field: 'enquiredOn', message: 'First got in touch must be on or before the date they reached their stage' });
    if (row.approvedOn && row.approvedOn > since)
      problems.push({ field: 'approvedOn', message: 'Approved on must be on or before the date they reached their stage' });
    if (row.spareBedrooms !== undefined && (row.bedrooms === undefined || row.spareBedrooms > row.bedrooms))
      problems.push({ field: 'spareBedrooms', message: 'Spare bedrooms must be no more than bedrooms' });
    if ((row.latitude === undefined) !== (row.longitude === undefined))
      problems.push({ field: 'longitude', message: 'Give both latitude and longitude, or neither' });
    return problems;
  },
});

/** The next review a newly imported approved carer gets, if the file does not say. */
export const reviewDueFor = (row: CarerCsvRow): IsoDate | null =>
  CURRENT.includes(row.stage) ? (row.reviewDueOn ?? addMonths(row.approvedOn!, 12)) : null;
