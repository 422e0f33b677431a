import type { SymbolName } from '../platform/easy-read/symbols.js';
import type { Role } from '../platform/permissions/roles.js';

/** The words of the person's own Hearth: written for the person, in Easy Read, and for staff where they act on it. */

export const MESSAGE_KINDS = ['worry', 'complaint', 'help_now', 'not_ok'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** What a person chooses to send from "Tell someone" (a not-OK mood arrives from "How I feel"). */
export const TELL_KINDS = ['worry', 'complaint', 'help_now'] as const satisfies readonly MessageKind[];

export const MESSAGE_KIND: Record<MessageKind, { symbol: SymbolName; person: string; said: string; staff: string }> = {
  worry: { symbol: 'worry', person: 'I am worried', said: 'You told us about a worry.', staff: 'A worry' },
  complaint: { symbol: 'complaint', person: 'I want to complain', said: 'You made a complaint.', staff: 'A complaint' },
  help_now: { symbol: 'help-now', person: 'I need help now', said: 'You asked for help now.', staff: 'Help now (urgent)' },
  not_ok: { symbol: 'feelings-sad', person: 'I do not feel OK', said: 'You said you do not feel OK.', staff: 'Not feeling OK' },
};

/** Moods 1 to 5, saddest first; 1 and 2 are "not OK" and reach the scheme. */
export const MOODS = [
  { mood: 5, symbol: 'feelings-happy', words: 'Very happy' },
  { mood: 4, symbol: 'feelings', words: 'Happy' },
  { mood: 3, symbol: 'feelings-ok', words: 'OK' },
  { mood: 2, symbol: 'feelings-sad', words: 'Sad' },
  { mood: 1, symbol: 'feelings-worried', words: 'Very sad or scared' },
] as const satisfies readonly { mood: number; symbol: SymbolName; words: string }[];

export const NOT_OK_BELOW = 3;
export const moodOf = (mood: number) => MOODS.find((m) => m.mood === mood)!;

/** Symbols a person can choose to say what a message is about, when words are hard. */
export const ABOUT_SYMBOLS = [
  { value: 'home', symbol: 'home', words: 'My home' },
  { value: 'carer', symbol: 'carer', words: 'My carer' },
  { value: 'people', symbol: 'people', words: 'Other people' },
  { value: 'food', symbol: 'food', words: 'Food' },
  { value: 'medicine', symbol: 'medicine', words: 'Medicine' },
  { value: 'money', symbol: 'money', words: 'Money' },
  { value: 'feelings-sad', symbol: 'feelings-sad', words: 'Sad' },
  { value: 'feelings-angry', symbol: 'feelings-angry', words: 'Angry' },
  { value: 'feelings-worried', symbol: 'feelings-worried', words: 'Scared' },
  { value: 'feelings-tired', symbol: 'feelings-tired', words: 'Tired or ill' },
] as const satisfies readonly { value: string; symbol: SymbolName; words: string }[];

export type AboutSymbol = (typeof ABOUT_SYMBOLS)[number]['value'];
export const ABOUT_VALUES = ABOUT_SYMBOLS.map((s) => s.value) as [AboutSymbol, ...AboutSymbol[]];
export const aboutOf = (value: string) => ABOUT_SYMBOLS.find((s) => s.value === value);

/**
 * What was looked at, in the person's words, by the audit log's record type. Record types other
 * capabilities add later fall back to "your record" until they are named here.
 */
const RECORD_WORDS: Record<string, string> = {
  person: 'your record',
  people: 'a list of people',
  referral: 'why you came to Shared Lives',
  'person status': 'where you are with Shared Lives',
  'one-page profile': 'your About me page',
  'communication needs': 'how you like to talk and read',
  needs: 'the help you need',
  'needs, wishes and risks': 'the help you need',
  risk: 'how to keep you safe',
  'matching preferences': 'the home you want',
  'place that matters': 'a place that matters to you',
  'circle member': 'your circle of support',
  'circle of support': 'your circle of support',
  consent: 'who can see your record',
  'matching shortlist': 'carers who might suit you',
  'match proposal': 'a carer you might meet',
  arrangement: 'where you live or stay',
  agreement: 'your agreement',
  'agreement acknowledgement': 'your agreement',
  'short break booking': 'your short breaks',
  'support plan': 'your support plan',
  'daily note': 'your daily notes',
  'daily notes': 'your daily notes',
  incident: 'a report about something that happened',
  review: 'your review',
  'person message': 'your message',
  'mood check': 'how you feel',
  'reading preferences': 'how you like to read Hearth',
};

export const recordWords = (recordType: string) => RECORD_WORDS[recordType] ?? 'your record';

const ACTION_WORDS: Record<string, string> = {
  viewed: 'looked at',
  listed: 'looked at',
  created: 'wrote',
  updated: 'changed',
  ended: 'ended',
  exported: 'copied',
};

export const actionWords = (action: string) => ACTION_WORDS[action] ?? 'used';

/** Who someone is to the person: "your worker", "a manager", "your carer". */
export function whoTheyAre(role: Role | null, isOwnWorker: boolean): string {
  switch (role) {
    case 'scheme_worker':
      return isOwnWorker ? 'your worker' : 'a worker';
    case 'scheme_manager':
      return isOwnWorker ? 'your worker' : 'a manager';
    case 'carer':
      return 'a carer';
    case 'circle_member':
      return 'in your circle';
    case 'panel_member':
      return 'from the panel';
    default:
      return 'from the scheme';
  }
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The day and time in the UK, as parts. */
function ukParts(at: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), time: `${parts.hour}:${parts.minute}` };
}

const dayNumber = (p: { y: number; m: number; d: number }) => Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;

/** "today", "yesterday", "on Monday" (this week), or "on 3 March" (longer ago): how people say it. */
export function whenDay(at: Date, now: Date = new Date()): string {
  const then = ukParts(at);
  const days = dayNumber(ukParts(now)) - dayNumber(then);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days > 1 && days < 7) return `on ${WEEKDAYS[new Date(Date.UTC(then.y, then.m - 1, then.d)).getUTCDay()]}`;
  return `on ${then.d} ${MONTHS[then.m - 1]}`;
}

/** "at 10:32" in the UK. */
export const whenTime = (at: Date) => `at ${ukParts(at).time}`;

/** A day from a date (2026-11-06): "Friday 6 November". */
export function dayName(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]}`;
}

export const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] || null;
