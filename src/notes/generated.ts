import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from '../platform/db/database.js';
import type { IsoDate } from '../platform/dates.js';

/*
 * Made-up daily notes in bulk, written by the database itself (INSERT … SELECT over
 * generate_series): for the demo, and for benchmarks that need about a million notes. Everything
 * is derived from hashes of the arrangement and the note's number, so the same call gives the same
 * notes, and running it again adds nothing (ids are derived the same way, as valid version-5-style
 * UUIDs, which Hearth's routes insist on; conflicts are skipped).
 */

const HAPPENINGS = [
  'Went to the day centre in the morning and helped make lunch. Watched a film together in the evening.',
  'A quiet day at home. Did some gardening and rang their sister.',
  'Went swimming, then to the shops for new shoes. Tired but happy.',
  'Cooked a curry together for tea. Talked about the holiday in the summer.',
  'Went to the library and the café. Met a friend from college.',
  'Helped walk the dog in the park. Played cards after tea.',
  'Stayed in bed later than usual. Went to the allotment in the afternoon.',
  'Went to work at the garden centre. Said the manager was pleased with them.',
  'Art group in the afternoon; brought home a painting for the fridge.',
  'Took the bus into town on their own for the first time, as planned.',
  'Visited family for the afternoon. Quiet in the evening.',
  'Had a GP appointment about a cough; nothing to worry about. Rest of the day at home.',
];

const WORRIES = [
  'Seemed low and did not want to go out. Said they miss their mum.',
  'Did not eat much today and went to bed early.',
  'Came home upset after the day centre: someone said something unkind.',
  'Missed their evening medication; they were asleep. Given in the morning after checking with the pharmacy.',
  'Had a small fall in the garden: no injury, but please review the step.',
  'Asked about moving to their own flat one day. Would like to talk to you about it.',
];

export interface GeneratedNotes {
  /** How many notes each arrangement gets at most (none before its start). */
  perArrangement: number;
  /** Days between one note and the next, going back from `today`. */
  everyDays: number;
  today: IsoDate;
  /** Only these arrangements (the demo's own); otherwise every arrangement not ended. */
  arrangementIds?: readonly string[];
  /** Only arrangements in these schemes. */
  schemeIds?: readonly string[];
  /** Going back past the arrangement's start, start again from today (several a day for a young arrangement), so every note is kept. */
  wrap?: boolean;
  /** Mixed into the ids, so a second batch (the benchmark's) comes beside the first, not on top of it. */
  batch?: string;
}

const textArray = (items: readonly string[]) => sql`${`{${items.map((t) => `"${t.replace(/"/g, '\\"')}"`).join(',')}}`}::text[]`;
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Adds the notes in one statement through the owner's connection (or transaction); returns how many.
 * About one in twenty is flagged; flags older than ten days were dealt with by the worker.
 * Moods lean happy: 5 a fifth, 4 a third, 3 a quarter, 2 and 1 the rest.
 */
export async function addGeneratedNotes(tx: Db, options: GeneratedNotes): Promise<number> {
  const batch = options.batch ?? 'demo';
  const every = Math.max(1, Math.floor(options.everyDays));
  const [result] = await rowsOf<{ added: number | string }>(
    tx,
    sql`
    with chosen as (
      select a.id, a.scheme_id, a.starts_on, c.user_id, c.name as carer_name, coalesce(w.name, 'The scheme worker') as worker_name, w.id as worker_id
      from arrangements a
      join carers c on c.id = a.carer_id
      left join users w on w.id = a.worker_user_id
      where a.status <> 'ended'
        ${options.arrangementIds ? sql`and a.id = any(${uuidArray(options.arrangementIds)})` : sql``}
        ${options.schemeIds ? sql`and a.scheme_id = any(${uuidArray(options.schemeIds)})` : sql``}
    ), notes as (
      select a.*, n, abs(hashtext(a.id::text || ${batch} || n)::bigint) as h,
        (${options.today}::date - ((n * ${every}::int + abs(hashtext(a.id::text || n)::bigint) % ${every}::int)
          % ${options.wrap ? sql`greatest(${options.today}::date - a.starts_on + 1, 1)` : sql`2147483647`})::int) as day
      from chosen a cross join generate_series(0, ${options.perArrangement}::int - 1) n
    ), added as (
      insert into daily_notes (id, scheme_id, arrangement_id, written_on, what_happened, mood, flagged, flag_reason, written_by_user_id, written_by_name, written_at, dealt_at, dealt_by_user_id, dealt_by_name, what_was_done)
      select overlay(overlay(md5(id::text || ':' || ${batch} || ':' || n) placing '5' from 13) placing '8' from 17)::uuid, scheme_id, id, day,
        (${textArray(HAPPENINGS)})[1 + h % ${HAPPENINGS.length}],
        case when h % 100 < 20 then 5 when h % 100 < 55 then 4 when h % 100 < 80 then 3 when h % 100 < 93 then 2 else 1 end,
        flagged, case when flagged then (${textArray(WORRIES)})[1 + (h / 100) % ${WORRIES.length}] end,
        user_id, carer_name, day + time '20:30',
        case when flagged and day < ${options.today}::date - 10 then day + time '20:30' + interval '1 day' end,
        case when flagged and day < ${options.today}::date - 10 then worker_id end,
        case when flagged and day < ${options.today}::date - 10 then worker_name end,
        case when flagged and day < ${options.today}::date - 10 then 'Rang the carer and talked it through; checked in again the next week.' end
      from (select notes.*, (h / 7) % 20 = 0 as flagged from notes) x
      where day >= starts_on
      on conflict do nothing
      returning 1
    )
    select count(*) as added from added`,
  );
  return Number(result?.added ?? 0);
}

/**
 * For benchmarks: about `total` more notes on a PostgreSQL server (or the embedded one), spread
 * over every arrangement not ended (or those of `schemeIds`), one a day going back from `today`
 * (more a day for arrangements younger than that), then ANALYZE so the planner knows. Returns how many were added.
 *   await loadBulkNotes(db, { total: 1_000_000 })
 */
export async function loadBulkNotes(
  db: Database,
  options: { total: number; today?: IsoDate; schemeIds?: readonly string[] },
): Promise<number> {
  const [live] = await rowsOf<{ n: number | string }>(
    db.owner,
    sql`select count(*) as n from arrangements where status <> 'ended'
    ${options.schemeIds ? sql`and scheme_id = any(${uuidArray(options.schemeIds)})` : sql``}`,
  );
  const arrangements = Number(live?.n ?? 0);
  if (!arrangements || options.total <= 0) return 0;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const added = await addGeneratedNotes(db.owner, {
    perArrangement: Math.ceil(options.total / arrangements),
    everyDays: 1,
    today,
    batch: 'bulk',
    wrap: true,
    ...(options.schemeIds ? { schemeIds: options.schemeIds } : {}),
  });
  await db.owner.execute(sql`analyze daily_notes`);
  return added;
}
