import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors } from '../forms/forms.js';
import type { Actor } from '../http/types.js';
import type { Permission } from '../permissions/permissions.js';
import { z } from 'zod';
import {
  countsOf,
  CsvRowsProblem,
  type CsvDefinition,
  type CsvPreview,
  type CsvProblem,
  type ImportCounts,
  type ImportPlan,
} from './define.js';
import { formText } from '../forms/fields.js';

export interface CsvImport<T> {
  /** Where the list lives, e.g. `/carers`: the import is at `/carers/import`. */
  base: string;
  permission: Permission;
  /** Plural, as people say it: "carers". */
  noun: string;
  /** One of them: "carer". */
  one: string;
  csv: CsvDefinition<T>;
  /**
   * What importing the rows would do: each row added, changed or left as it is, and every problem
   * only the saved records can show (an unknown id, a clash). The check step shows it.
   */
  plan: (actor: Actor, preview: CsvPreview<T>) => Promise<ImportPlan<T>>;
  /** Does what `plan` says, planning again in its one transaction: every row or none. Throws CsvRowsProblem when the plan has problems. */
  save: (actor: Actor, preview: CsvPreview<T>) => Promise<ImportCounts>;
}

/** What an import did, from the list page's address after it: "2 carers added, 1 changed; 5 were already as in the file". */
export function importedMessage(query: unknown, noun: { one: string; many: string }): string | null {
  const count = z.coerce.number().int().min(0).max(1_000_000);
  const parsed = z.object({ added: count, changed: count, unchanged: count }).safeParse(query);
  if (!parsed.success) return null;
  const { added, changed, unchanged } = parsed.data;
  const of = (n: number) => `${n} ${n === 1 ? noun.one : noun.many}`;
  const done = [added && `${of(added)} added`, changed && `${added ? changed : of(changed)} changed`].filter(Boolean).join(', ');
  const alike = unchanged ? `${unchanged === 1 ? '1 was' : `${unchanged} were`} already as in the file` : '';
  if (!done) return `Nothing changed: ${alike || 'the file had no rows'}.`;
  return `${done}${alike ? `; ${alike}` : ''}.`.replace(/^./, (c) => c.toUpperCase());
}

const MAX_BYTES = 5 * 1024 * 1024;

export function sendCsv(reply: FastifyReply, filename: string, text: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '-')}"`)
    .header('cache-control', 'no-store')
    .send(text);
}

/**
 * The one import journey for every spreadsheet: download the template, upload a file, see every
 * row's problems before anything is saved, then import all rows or none.
 */
export function csvImportRoutes<T>(app: FastifyInstance, options: CsvImport<T>) {
  const { base, permission, noun, csv } = options;
  const config = { access: permission };
  const required = csv.spec.columns.filter((c) => c.required).map((c) => c.header);
  const page = {
    title: `Import ${noun}`,
    base,
    noun,
    columns: csv.spec.columns,
    required: required.length > 1 ? `${required.slice(0, -1).join(', ')} and ${required.at(-1)}` : (required[0] ?? 'every column'),
    backLink: base,
  };

  const byRow = (problems: CsvProblem[]) => [...problems].sort((a, b) => a.rowNumber - b.rowNumber);
  const showPreview = (reply: FastifyReply, preview: CsvPreview<T>, text: string, plan: ImportPlan<T> | null) => {
    const problems = byRow([...preview.problems, ...(plan?.problems ?? [])]);
    const ok = !preview.headerProblems.length && problems.length === 0 && plan !== null;
    const actions = new Map(plan?.rows.map((r) => [r.rowNumber, r]));
    const counts = plan && countsOf(plan);
    return reply.code(ok ? 200 : 400).view('platform/csv/views/preview.njk', {
      ...page,
      title: ok ? `Check the ${noun} before importing` : `Fix the file before importing`,
      preview: { ...preview, problems, ok },
      counts,
      shownColumns: csv.spec.columns.filter((c) => preview.present.has(c.field)),
      nothingToDo: counts && counts.added + counts.changed === 0,
      shown: preview.rows.slice(0, 20).map((r) => {
        const planned = actions.get(r.rowNumber);
        return {
          ...r,
          action: !planned
            ? ''
            : planned.action === 'add'
              ? 'Add'
              : planned.action === 'same'
                ? 'No change'
                : `Change ${csv.headers(planned.changed).join(', ')}`,
        };
      }),
      csvText: ok ? text : '',
    });
  };

  const planned = async (actor: Actor, preview: CsvPreview<T>) => (preview.headerProblems.length ? null : options.plan(actor, preview));

  app.get(`${base}/import`, { config }, async (_request, reply) => reply.view('platform/csv/views/import.njk', page));

  app.get(`${base}/import/template.csv`, { config }, async (_request, reply) =>
    sendCsv(reply, `${csv.spec.name}-template.csv`, csv.template()),
  );

  app.post(`${base}/import`, { config, bodyLimit: MAX_BYTES + 64 * 1024 }, async (request, reply) => {
    const file = (request.body as { file?: unknown } | undefined)?.file;
    const text = Buffer.isBuffer(file) ? file.toString('utf8') : '';
    if (!text.trim() || text.includes('\u0000')) {
      return reply.code(400).view('platform/csv/views/import.njk', {
        ...page,
        errors: formErrors([{ path: ['file'], message: text.trim() ? 'The file must be a CSV file' : 'Choose a CSV file to upload' }]),
      });
    }
    const preview = csv.preview(text);
    return showPreview(reply, preview, text, await planned(request.actor, preview));
  });

  app.post(`${base}/import/confirm`, { config, bodyLimit: MAX_BYTES * 2 }, async (request, reply) => {
    const text = formText((request.body as { csv?: unknown } | undefined)?.csv);
    const preview = csv.preview(text);
    if (!preview.ok) return showPreview(reply, preview, text, await planned(request.actor, preview));
    try {
      const counts = await options.save(request.actor, preview);
      return reply.redirect(`${base}?${new URLSearchParams(Object.entries(counts).map(([k, v]) => [k, String(v)])).toString()}`);
    } catch (error) {
      if (error instanceof CsvRowsProblem) return showPreview(reply, { ...preview, problems: error.problems }, text, null);
      throw error;
    }
  });
}
