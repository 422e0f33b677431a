import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors } from '../forms/forms.js';
import type { Actor } from '../http/types.js';
import type { Permission } from '../permissions/permissions.js';
import { CsvRowsProblem, type CsvDefinition, type CsvPreview, type CsvProblem } from './define.js';
import { formText } from '../forms/fields.js';

export interface CsvImport<T> {
  /** Where the list lives, e.g. `/carers`: the import is at `/carers/import`. */
  base: string;
  permission: Permission;
  /** Plural, as people say it: "carers". */
  noun: string;
  csv: CsvDefinition<T>;
  /** Saves every row or none, in one transaction; throws CsvRowsProblem for rows that clash with saved records. */
  save: (actor: Actor, rows: T[]) => Promise<{ count: number }>;
  /**
   * Problems only the saved records can show (an unknown id, a clash), found before anything is saved,
   * so the preview lists them with the rest. Rows are in file order: the first is row 2. Save checks again.
   */
  check?: (actor: Actor, rows: T[]) => Promise<CsvProblem[]>;
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
  const page = { title: `Import ${noun}`, base, noun, columns: csv.spec.columns, backLink: base };

  const showPreview = (reply: FastifyReply, preview: CsvPreview<T>, text: string) =>
    reply.code(preview.ok ? 200 : 400).view('platform/csv/views/preview.njk', {
      ...page,
      title: preview.ok ? `Check the ${noun} before importing` : `Fix the file before importing`,
      preview,
      shown: preview.rows.slice(0, 20),
      csvText: preview.ok ? text : '',
    });

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
    const problems = preview.ok && options.check ? await options.check(request.actor, preview.ready) : [];
    return showPreview(reply, problems.length ? { ...preview, problems, ok: false } : preview, text);
  });

  app.post(`${base}/import/confirm`, { config, bodyLimit: MAX_BYTES * 2 }, async (request, reply) => {
    const text = formText((request.body as { csv?: unknown } | undefined)?.csv);
    const preview = csv.preview(text);
    if (!preview.ok) return showPreview(reply, preview, text);
    try {
      const { count } = await options.save(request.actor, preview.ready);
      return reply.redirect(`${base}?imported=${count}`);
    } catch (error) {
      if (error instanceof CsvRowsProblem) return showPreview(reply, { ...preview, problems: error.problems, ok: false }, text);
      throw error;
    }
  });
}
