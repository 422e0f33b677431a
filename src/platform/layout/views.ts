import nunjucks from 'nunjucks';
import { installEasyReadViews } from '../easy-read/nunjucks.js';
import { govukDist, srcDir } from '../paths.js';
import { newFormToken } from '../forms/once.js';
import { withLimit } from '../forms/limits.js';

/**
 * One Nunjucks environment for every page. Templates are named from `src/`
 * (for example `home/views/home.njk`); GOV.UK Frontend's macros from `govuk/...`.
 */
export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([srcDir, govukDist], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addGlobal('serviceName', 'Hearth');
  env.addGlobal('formToken', newFormToken);
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('withLimit', withLimit);
  installEasyReadViews(env);
  return env;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "7 December 2026". A day (YYYY-MM-DD, as most dates here are) is written out directly: Intl took a
 * tenth of a list page's time, formatting the same few days over and over.
 */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return day ? `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}` : dateFormat.format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '')}`;
}
