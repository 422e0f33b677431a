import nunjucks from 'nunjucks';
import { symbol } from './symbols.js';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => HTML[c]!);

/**
 * The hard word in a line, in bold, for the short line explaining it after. The word must be in
 * the line (whole, any case): a hard word that is not there is a mistake in the page.
 */
export function hardWord(text: string, word: string): nunjucks.runtime.SafeString {
  const at = new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  if (!at) throw new Error(`The hard word "${word}" is not in the line "${text}"`);
  const end = at.index + at[0].length;
  return new nunjucks.runtime.SafeString(
    `${escape(text.slice(0, at.index))}<strong class="hearth-er-hard">${escape(at[0])}</strong>${escape(text.slice(end))}`,
  );
}

/** What Easy Read pages need from Nunjucks: symbol(name) for macros.njk, and the hardWord filter. */
export function installEasyReadViews(env: nunjucks.Environment) {
  env.addGlobal('symbol', symbol);
  env.addFilter('hardWord', hardWord);
}
