import type { ArrangementType } from '../carers/terms.js';
import type { SymbolName } from '../platform/easy-read/symbols.js';
import type { CarerProfile } from '../matching/service.js';
import type { Stage } from '../matching/workflow.js';
import type { BookingRow } from '../short-breaks/bookings-service.js';
import type { Household, Message } from './service.js';
import { MESSAGE_KIND, aboutOf, actionWords, dayName, firstName, moodOf, recordWords, whenDay, whenTime, whoTheyAre } from './words.js';
import type { Role } from '../platform/permissions/roles.js';

/** The person's pages as Easy Read lines: one idea each, with its symbol. Views show them with easyLine. */
export interface Line {
  symbol: SymbolName;
  text: string;
  href?: string;
}

const listed = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const petSymbol = (pets: string): SymbolName => (/cat|kitten/i.test(pets) ? 'cat' : 'dog');
const hasPets = (pets: string | null | undefined): pets is string => !!pets?.trim() && !/^(none|no|no pets)\.?$/i.test(pets.trim());
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Who lives in a carer's home, one line each. */
function householdLines(first: string, members: Household['household']): Line[] {
  if (members.length === 0) return [{ symbol: 'person', text: `${first} lives on their own.` }];
  return members.map((m) => ({
    symbol: 'person',
    text: m.age !== null && m.age < 18 ? `${m.firstName} lives there too. ${m.firstName} is ${m.age}.` : `${m.firstName} lives there too.`,
  }));
}

const LIVING: Record<ArrangementType, { symbol: SymbolName; text: (first: string) => string }> = {
  live_in: { symbol: 'house-with-garden', text: (first) => `You live with ${first}.` },
  short_breaks: { symbol: 'overnight', text: (first) => `You stay with ${first} for short breaks.` },
  day_support: { symbol: 'day', text: (first) => `You spend days with ${first}.` },
};

/** "My home": who the person lives with or visits, from their live arrangements. */
export function homeLines(arrangement: { type: ArrangementType; carerName: string | null }, household: Household | undefined): Line[] {
  const first = household?.firstName ?? firstName(arrangement.carerName) ?? 'your carer';
  const lines: Line[] = [{ symbol: LIVING[arrangement.type].symbol, text: LIVING[arrangement.type].text(first) }];
  if (!household) return lines;
  if (household.area) lines.push({ symbol: 'home', text: `${first} lives in ${household.area}.` });
  lines.push(...householdLines(first, household.household));
  if (hasPets(household.pets)) lines.push({ symbol: petSymbol(household.pets), text: sentence(`Pets: ${household.pets}`) });
  return lines;
}

const time = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true })
    .format(at)
    .replace(' ', '');
const ukDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);

/** A short break or a day session, in one line. */
export function bookingLine(b: BookingRow): Line {
  const first = firstName(b.carerName) ?? 'your carer';
  if (b.nights) return { symbol: 'overnight', text: `${dayName(b.nights.from)} to ${dayName(b.nights.to)}. You stay with ${first}.` };
  const hours = b.hours!;
  return { symbol: 'day', text: `${dayName(ukDate(hours.from))}, ${time(hours.from)} to ${time(hours.to)}. You visit ${first}.` };
}

/** A proposed carer, as the person reads them: the home and the people in it, one idea a line. */
export function carerLines(c: CarerProfile): Line[] {
  const first = c.firstName;
  const lines: Line[] = [{ symbol: 'home', text: c.area ? `${first} lives in ${c.area}.` : `${first} is a Shared Lives carer.` }];
  lines.push(...householdLines(first, c.household));
  if (hasPets(c.pets)) lines.push({ symbol: petSymbol(c.pets), text: sentence(`Pets: ${c.pets}`) });
  else lines.push({ symbol: 'home', text: 'There are no pets.' });
  if (c.smoking === 'no') lines.push({ symbol: 'no-smoking', text: 'Nobody smokes in the home.' });
  if (c.smoking === 'outside') lines.push({ symbol: 'smoking', text: 'People smoke outside only.' });
  if (c.smoking === 'inside') lines.push({ symbol: 'smoking', text: 'People smoke in the home.' });
  if (c.stepFree) lines.push({ symbol: 'step-free', text: 'The home has no steps.' });
  if (c.ownBathroom) lines.push({ symbol: 'bath', text: 'You could have your own bathroom.' });
  if (c.interests.length)
    lines.push({ symbol: 'like', text: `${first} likes ${listed(c.interests.slice(0, 3).map((i) => i.toLowerCase()))}.` });
  if (c.languages.length) lines.push({ symbol: 'say', text: `${first} speaks ${listed(c.languages)}.` });
  return lines;
}

/** Where the introductions are, for the person: what has happened and what they can do now. */
export function stageLines(
  stage: Stage,
  p: { personAnswer: string | null; startsOn: string | null; stoppedBy: string | null; closedByMatchId: string | null },
  first: string,
): Line[] {
  switch (stage.stage) {
    case 'answering':
      if (p.personAnswer === 'yes')
        return [
          { symbol: 'yes', text: 'You said yes.' },
          { symbol: 'time', text: `We are waiting for ${first} to say yes.` },
        ];
      if (p.personAnswer === 'maybe')
        return [
          { symbol: 'maybe', text: 'You said maybe.' },
          { symbol: 'change', text: 'You can change your answer.' },
        ];
      return [{ symbol: 'meet', text: `Do you want to meet ${first}?` }];
    case 'introductions': {
      const step = stage.step.name.toLowerCase();
      if (stage.waitingFor.includes('date'))
        return [
          { symbol: 'yes', text: `You and ${first} both said yes.` },
          { symbol: 'calendar', text: `Your worker will plan the ${step}.` },
        ];
      if (stage.waitingFor.length === 0)
        return [{ symbol: 'calendar', text: `Next is the ${step}. It is on ${dayName(stage.step.plannedOn!)}.` }];
      if (stage.waitingFor.includes('person'))
        return [
          { symbol: 'meet', text: `How did the ${step} go?` },
          { symbol: 'next', text: 'Do you want to go on?' },
        ];
      return [
        { symbol: 'yes', text: 'You said go on.' },
        { symbol: 'time', text: `We are waiting for ${first}.` },
      ];
    }
    case 'ready':
      return [
        { symbol: 'yes', text: 'You both said yes after every meeting.' },
        { symbol: 'worker', text: 'Your worker will talk to you about what happens next.' },
      ];
    case 'agreed':
      return [
        { symbol: 'yes', text: `You and ${first} agreed.` },
        ...(p.startsOn ? [{ symbol: 'calendar' as const, text: `You start on ${dayName(p.startsOn)}.` }] : []),
      ];
    case 'stopped':
      if (p.closedByMatchId) return [{ symbol: 'yes', text: 'You chose another carer.' }];
      return [{ symbol: 'stop', text: p.stoppedBy === 'person' ? 'You said stop.' : 'These meetings have stopped.' }];
  }
}

/** The steps of the introductions, with what the person said after each. */
export function stepLines(steps: readonly { name: string; plannedOn: string | null; personGoOn: boolean | null }[]): Line[] {
  return steps.map((s) => ({
    symbol: s.personGoOn === true ? 'yes' : s.personGoOn === false ? 'no' : 'calendar',
    text:
      s.personGoOn === true
        ? `${s.name}: you said go on.`
        : s.personGoOn === false
          ? `${s.name}: you said stop.`
          : s.plannedOn
            ? `${s.name}: ${dayName(s.plannedOn)}.`
            : `${s.name}: not planned yet.`,
  }));
}

/** What happened to a message the person sent, in order. */
export function messageLines(m: Message, now: Date): { lines: Line[]; replies: { who: string; words: string }[]; dealt: Line | null } {
  const lines: Line[] = [
    {
      symbol: MESSAGE_KIND[m.kind].symbol,
      text: m.kind === 'not_ok' && m.mood ? `You said you feel ${moodOf(m.mood).words.toLowerCase()}.` : MESSAGE_KIND[m.kind].said,
    },
    ...m.symbols.flatMap((s) => {
      const about = aboutOf(s);
      return about ? [{ symbol: about.symbol, text: `It is about: ${about.words.toLowerCase()}.` }] : [];
    }),
    { symbol: 'time', text: `You sent it ${whenDay(m.sentAt, now)} ${whenTime(m.sentAt)}.` },
    {
      symbol: 'worker',
      text: m.toName
        ? `It went to ${m.toName}, your worker, ${whenTime(m.sentAt)}.`
        : `It went to the workers at your scheme ${whenTime(m.sentAt)}.`,
    },
  ];
  if (m.seenAt) lines.push({ symbol: 'eye', text: `${firstName(m.seenByName)} read it ${whenDay(m.seenAt, now)} ${whenTime(m.seenAt)}.` });
  else if (m.kind === 'help_now') lines.push({ symbol: 'help-now', text: 'Someone will help you soon.' });
  else lines.push({ symbol: 'time', text: 'Nobody has read it yet.' });
  return {
    lines,
    replies: m.replies.map((r) => ({ who: `${firstName(r.byName)} replied ${whenDay(r.at, now)} ${whenTime(r.at)}:`, words: r.words })),
    dealt: m.dealtWithAt ? { symbol: 'yes', text: `${firstName(m.dealtWithByName)} says this is sorted.` } : null,
  };
}

/** One message in a list: what it was, when, and where it has got to. */
export function messageSummary(m: Message, now: Date): Line {
  const what = m.kind === 'not_ok' ? 'How you felt' : MESSAGE_KIND[m.kind].person;
  const state = m.dealtWithAt ? 'Sorted' : m.replies.length ? 'Someone replied' : m.seenAt ? 'Someone read it' : 'Not read yet';
  return { symbol: MESSAGE_KIND[m.kind].symbol, text: `${what}, ${whenDay(m.sentAt, now)}. ${state}.`, href: `/my/messages/${m.id}` };
}

/** One line of "Who looked at my record". */
export function lookedLine(
  row: { actorUserId: string | null; actorName: string | null; actorRole: Role | null; action: string; recordType: string; at: Date },
  workerUserId: string | null,
  now: Date,
): Line {
  const who = firstName(row.actorName) ?? 'Someone';
  const what = `${actionWords(row.action)} ${recordWords(row.recordType)}`;
  const looked = row.action === 'viewed' || row.action === 'listed';
  return {
    symbol: looked ? 'eye' : 'change',
    text: `${who}, ${whoTheyAre(row.actorRole, !!workerUserId && row.actorUserId === workerUserId)}, ${what} ${whenDay(row.at, now)}.`,
  };
}

/** A mood check, in a line. */
export const moodLine = (m: { mood: number; at: Date }, now: Date): Line => ({
  symbol: moodOf(m.mood).symbol,
  text: `${capital(whenDay(m.at, now))} you felt ${moodOf(m.mood).words.toLowerCase()}.`,
});

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
