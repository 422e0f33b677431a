import { z } from 'zod';
import { defineCsv } from '../platform/csv/define.js';
import { formatDate } from '../platform/layout/views.js';
import { readDate } from '../platform/forms/date-input.js';
import { optionalPostcode } from '../platform/forms/postcode.js';
import { ARRANGEMENT_NAMES, ARRANGEMENT_TYPES, PERSON_STATUSES, STATUS_NAMES, type ArrangementType, type PersonStatus } from './status.js';
import { COMMUNICATION_NEEDS, CONTACT_METHODS, CONTACT_NAMES, NEED_NAMES, type CommunicationNeed, type ContactMethod } from './words.js';

/** One person per row: what a scheme moves between Hearth and a spreadsheet. */
export interface PersonCsvRow {
  name: string;
  preferredName?: string | undefined;
  dateOfBirth?: string | null | undefined;
  pronouns?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  postcode?: string | null | undefined;
  area?: string | undefined;
  status: PersonStatus;
  statusSince?: string | null | undefined;
  arrangementTypes: ArrangementType[];
  workerEmail?: string | undefined;
  /** Undefined when the cell is empty: not asked yet (or, for someone already in Hearth, unchanged). */
  communication?: { needs: CommunicationNeed[]; otherNeeds: string | null } | undefined;
  preferredContact?: ContactMethod | undefined;
  hearthId?: string | undefined;
}

const text = (label: string, max: number) => z.string().max(max, `${label} must be ${max} characters or fewer`).optional();

/** Accepts a list's code or its words, in any case: "waiting" or "Waiting for a match". */
const oneOf = <T extends string>(codes: readonly T[], names: Record<T, string>, message: string) => {
  const lookup = new Map<string, T>(
    codes.flatMap((code) => [
      [code.toLowerCase(), code],
      [names[code].toLowerCase(), code],
    ]),
  );
  return z.string().transform((value, ctx) => {
    const found = lookup.get(value.trim().toLowerCase());
    if (!found) ctx.addIssue({ code: 'custom', message });
    return found ?? z.NEVER;
  });
};

const listOf = <T extends string>(codes: readonly T[], names: Record<T, string>, message: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(oneOf(codes, names, message)));

/** A date as 27/03/1987 or 1987-03-27, checked like a GOV.UK date input. */
const csvDate = (label: string, when: 'past' | 'not future') =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
      const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
      const parts = uk ? { day: uk[1], month: uk[2], year: uk[3] } : iso ? { day: iso[3], month: iso[2], year: iso[1] } : null;
      const read = parts ? readDate(parts, { label, when, required: true }) : { problem: `Enter ${label.toLowerCase()} like 27/03/1987` };
      if ('problem' in read) {
        ctx.issues.push({ code: 'custom', message: read.problem, input: value });
        return z.NEVER;
      }
      return read.date;
    });

const OTHER = /^something else:\s*(.+)$/i;

/** "Easy Read; Large print", "None" (asked: no needs), or "Something else: …". */
const communication = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    if (/^none$/i.test(value.trim())) return { needs: [], otherNeeds: null };
    const needs: CommunicationNeed[] = [];
    let otherNeeds: string | null = null;
    const known = new Map(
      COMMUNICATION_NEEDS.flatMap(
        (n) =>
          [
            [n, n],
            [NEED_NAMES[n].toLowerCase(), n],
          ] as const,
      ),
    );
    for (const item of value
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const other = OTHER.exec(item);
      const need = other ? 'other' : known.get(item.toLowerCase());
      if (!need) {
        ctx.addIssue({
          code: 'custom',
          message: `“${item}” is not a communication need Hearth knows: use the template’s words, separated by semicolons`,
        });
        return z.NEVER;
      }
      if (other) otherNeeds = other[1]!.trim();
      if (!needs.includes(need)) needs.push(need);
    }
    if (needs.includes('other') && !otherNeeds) {
      ctx.addIssue({ code: 'custom', message: 'Write other needs as “Something else: …”' });
      return z.NEVER;
    }
    return { needs, otherNeeds };
  });

export const peopleCsv = defineCsv<PersonCsvRow>({
  name: 'people',
  unique: ['hearthId'],
  columns: [
    {
      header: 'Name',
      field: 'name',
      schema: z.string({ error: 'Enter their full name' }).max(120, 'Name must be 120 characters or fewer'),
      example: 'Amara Okafor',
      required: true,
    },
    { header: 'Preferred name', field: 'preferredName', schema: text('Preferred name', 60), example: 'Mara' },
    {
      header: 'Date of birth',
      field: 'dateOfBirth',
      schema: csvDate('Date of birth', 'past'),
      example: '14/06/1994',
      hint: 'Like 14/06/1994',
    },
    { header: 'Pronouns', field: 'pronouns', schema: text('Pronouns', 40), example: 'she/her' },
    {
      header: 'Phone',
      field: 'phone',
      schema: z
        .string()
        .regex(/^[+()\d\s-]{6,30}$/, 'Enter a phone number, like 07700 900 982')
        .optional(),
      example: '07700 900 982',
    },
    {
      header: 'Email',
      field: 'email',
      schema: z
        .email({ error: 'Enter an email address like name@example.com' })
        .transform((e) => e.toLowerCase())
        .optional(),
      example: 'mara@example.org',
    },
    { header: 'Address', field: 'address', schema: text('Address', 300), example: '12 Mill Lane, Northbrook' },
    {
      header: 'Postcode',
      field: 'postcode',
      example: 'NB1 4QT',
      schema: optionalPostcode(),
    },
    { header: 'Area', field: 'area', schema: text('Area', 80), example: 'Riverside' },
    {
      header: 'Status',
      field: 'status',
      example: STATUS_NAMES.waiting,
      hint: `One of: ${PERSON_STATUSES.map((s) => STATUS_NAMES[s]).join(', ')}. Empty means referred.`,
      schema: oneOf(PERSON_STATUSES, STATUS_NAMES, `Status must be one of: ${PERSON_STATUSES.map((s) => STATUS_NAMES[s]).join(', ')}`)
        .optional()
        .transform((s) => s ?? 'referred'),
      onUpdate: 'fixed',
    },
    {
      header: 'Status since',
      field: 'statusSince',
      schema: csvDate('Status since', 'not future'),
      example: '03/02/2026',
      hint: 'The day the status began, like 03/02/2026. Empty means today.',
      onUpdate: 'fixed',
    },
    {
      header: 'Kinds of support',
      field: 'arrangementTypes',
      example: '',
      hint: `Only for people who are supported: ${ARRANGEMENT_TYPES.map((t) => ARRANGEMENT_NAMES[t]).join('; ')}, separated by semicolons`,
      schema: listOf(
        ARRANGEMENT_TYPES,
        ARRANGEMENT_NAMES,
        `Kinds of support must be from: ${ARRANGEMENT_TYPES.map((t) => ARRANGEMENT_NAMES[t]).join('; ')}`,
      ),
      onUpdate: 'fixed',
    },
    {
      header: 'Worker email',
      field: 'workerEmail',
      schema: z
        .email({ error: 'Enter the worker’s email address like name@example.com' })
        .transform((e) => e.toLowerCase())
        .optional(),
      example: 'worker@demo.hearth.example',
      hint: 'The email a scheme worker signs in with',
    },
    {
      header: 'Communication needs',
      field: 'communication',
      schema: communication,
      example: 'Easy Read; Someone to read with them',
      hint: `Separated by semicolons, from: ${COMMUNICATION_NEEDS.filter((n) => n !== 'other')
        .map((n) => NEED_NAMES[n])
        .join('; ')}; or “Something else: …”; or None`,
      onUpdate: 'keep',
    },
    {
      header: 'Preferred contact',
      field: 'preferredContact',
      schema: oneOf(
        CONTACT_METHODS,
        CONTACT_NAMES,
        `Preferred contact must be one of: ${CONTACT_METHODS.map((c) => CONTACT_NAMES[c]).join(', ')}`,
      ).optional(),
      example: CONTACT_NAMES.text_message,
      onUpdate: 'keep',
    },
    {
      header: 'Hearth ID',
      field: 'hearthId',
      schema: z.uuid({ error: 'A Hearth ID is as Hearth exported it: leave it empty for someone new' }).optional(),
      example: '',
      hint: 'Empty for someone new. Keep it as exported to update someone already in Hearth.',
      onUpdate: 'match',
    },
  ],
  check: (row) => [
    ...(row.status === 'supported' && row.arrangementTypes.length === 0
      ? [{ field: 'arrangementTypes', message: 'Someone supported needs at least one kind of support' }]
      : []),
    ...(row.status !== 'supported' && row.arrangementTypes.length > 0
      ? [{ field: 'arrangementTypes', message: 'Leave kinds of support empty unless they are supported' }]
      : []),
    ...(row.preferredContact && !row.communication
      ? [
          {
            field: 'communication',
            message: 'Give their communication needs too (None if they have none): preferred contact is kept with them',
          },
        ]
      : []),
  ],
  fixed: (saved) =>
    `Hearth has ${STATUS_NAMES[saved.status].toLowerCase()} since ${formatDate(saved.statusSince ?? null)}: change status on their page, where each move is checked`,
});

/** A person's record as a spreadsheet row, in the same words the import reads. */
export function exportRow(person: {
  id: string;
  name: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  pronouns: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  area: string | null;
  status: PersonStatus;
  statusSince: string;
  arrangementTypes: string[];
  workerEmail: string | null;
  needs: CommunicationNeed[] | null;
  otherNeeds: string | null;
  preferredContact: ContactMethod | null;
  communicationRecorded: boolean;
}): Record<string, string | null> {
  const [year, month, day] = (person.dateOfBirth ?? '').split('-');
  const since = person.statusSince.split('-');
  return {
    name: person.name,
    preferredName: person.preferredName,
    dateOfBirth: person.dateOfBirth ? `${day}/${month}/${year}` : null,
    pronouns: person.pronouns,
    phone: person.phone,
    email: person.email,
    address: person.address,
    postcode: person.postcode,
    area: person.area,
    status: STATUS_NAMES[person.status],
    statusSince: `${since[2]}/${since[1]}/${since[0]}`,
    arrangementTypes: person.arrangementTypes.map((t) => ARRANGEMENT_NAMES[t as ArrangementType]).join('; '),
    workerEmail: person.workerEmail,
    communication: !person.communicationRecorded
      ? null
      : person.needs!.length === 0
        ? 'None'
        : person.needs!.map((n) => (n === 'other' ? `Something else: ${person.otherNeeds ?? ''}` : NEED_NAMES[n])).join('; '),
    preferredContact: person.preferredContact ? CONTACT_NAMES[person.preferredContact] : null,
    hearthId: person.id,
  };
}
