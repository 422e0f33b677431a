import nunjucks from 'nunjucks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installEasyReadViews } from '../easy-read/nunjucks.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const srcDir = path.resolve(here, '../..');
export const govukDist = path.resolve(srcDir, '../node_modules/govuk-frontend/dist');

/**
 * One Nunjucks environment for every page. Templates are named from `src/`
 * (for example `home/views/home.njk`); GOV.UK Frontend's macros from `govuk/...`.
 */
export function createViews(): nunjucks.Environment {
  keepImportedMacros();
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([srcDir, govukDist], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addGlobal('serviceName', 'Hearth');
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  installEasyReadViews(env);
  return env;
}

type Exported = (err: Error | null, exported: unknown) => void;
interface ExportingTemplate { getExported(...args: unknown[]): void; keptExports?: unknown }

/**
 * `{% from "govuk/components/button/macro.njk" import govukButton %}` runs the imported template
 * again on every render to collect its macros: a tenth of a small page's time. Imported without
 * context (`with context` is not asked for) the macros depend on nothing of the page, so each
 * template's are collected once and kept, as Nunjucks keeps the compiled template itself.
 */
function keepImportedMacros() {
  const prototype = nunjucks.Template.prototype as unknown as ExportingTemplate & { collectExports?: ExportingTemplate['getExported'] };
  if (prototype.collectExports) return;
  prototype.collectExports = prototype.getExported;
  prototype.getExported = function (this: ExportingTemplate, ...args: unknown[]) {
    const [done] = args;
    if (args.length !== 1 || typeof done !== 'function') return prototype.collectExports!.apply(this, args);
    if (this.keptExports) return (done as Exported)(null, this.keptExports);
    prototype.collectExports!.call(this, (err: Error | null, exported: unknown) => {
      if (!err) this.keptExports = exported;
      (done as Exported)(err, exported);
    });
  };
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** Formatted dates by their ISO text: lists show the same few dates over and over, and Intl is slow. */
const formattedDays = new Map<string, string>();

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value !== 'string' || value.length !== 10) return dateFormat.format(new Date(value));
  let text = formattedDays.get(value);
  if (text === undefined) {
    if (formattedDays.size > 20_000) formattedDays.clear();
    text = dateFormat.format(new Date(value));
    formattedDays.set(value, text);
  }
  return text;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '')}`;
}
