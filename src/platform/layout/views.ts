import nunjucks from 'nunjucks';
import { installEasyReadViews } from '../easy-read/nunjucks.js';
import { govukDist, srcDir } from '../paths.js';

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

type Exported = (err: Error | null, exported: Record<string, unknown>) => void;
interface ExportingTemplate { getExported(...args: unknown[]): void; keptExports?: Record<string, unknown>; path?: string }

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
    prototype.collectExports!.call(this, (err: Error | null, exported: Record<string, unknown>) => {
      if (!err) this.keptExports = this.path?.startsWith(govukDist) ? rememberingOutput(exported) : exported;
      (done as Exported)(err, this.keptExports ?? exported);
    });
  };
}

/** Most outputs a GOV.UK macro keeps: a bound on memory only, far more than a page's distinct calls. */
const KEPT_OUTPUTS = 1_000;

/**
 * GOV.UK Frontend's macros make their markup from their parameters alone (imported without
 * context), so the same parameters always make the same markup: a list of fifty rows calls govukTag
 * fifty times with a handful of different tags, and each call runs its template again, with its own
 * nested macros. Each macro here keeps what it made for each set of parameters, as plain data; a call
 * with a caller block (`{% call %}`), or anything else that is not plain data, is made afresh.
 */
function rememberingOutput(exported: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(exported).map(([name, value]) => {
    if (typeof value !== 'function') return [name, value];
    const macro = value as (...args: unknown[]) => unknown;
    const made = new Map<string, unknown>();
    return [name, function (this: unknown, ...args: unknown[]) {
      const key = plainKey(args);
      if (key === null) return macro.apply(this, args);
      let output = made.get(key);
      if (output === undefined) {
        if (made.size >= KEPT_OUTPUTS) made.clear();
        output = macro.apply(this, args);
        made.set(key, output);
      }
      return output;
    }];
  }));
}

/**
 * The arguments as JSON, or null if any part of them is not plain data: a function (a caller block),
 * a date or other class (JSON would write it as text, and the macro would not), or a gap in a list.
 * A property left undefined is left out, which is the same to a template.
 */
function plainKey(args: unknown[]): string | null {
  let plain = true;
  const key = JSON.stringify(args, function (this: Record<string, unknown>, name: string, value: unknown) {
    const original = this[name];
    if (original !== null && typeof original === 'object' && !Array.isArray(original)) {
      const prototype = Object.getPrototypeOf(original) as unknown;
      if (prototype !== Object.prototype && prototype !== null) plain = false;
    } else if (typeof original === 'function' || typeof original === 'symbol' || typeof original === 'bigint' || (original === undefined && Array.isArray(this))) {
      plain = false;
    }
    return value;
  });
  return plain ? key : null;
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
