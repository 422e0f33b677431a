import nunjucks from 'nunjucks';
import { installEasyReadViews } from '../easy-read/nunjucks.js';
import { govukDist, srcDir } from '../paths.js';

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
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  installEasyReadViews(env);
  return env;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

export function formatDate(value: Date | string | null | undefined): string {
  return value ? dateFormat.format(new Date(value)) : '';
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '')}`;
}
