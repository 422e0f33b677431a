import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../platform/db/database.js';
import { todayInUk } from '../platform/dates.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { can } from '../platform/permissions/permissions.js';
import type { HomeSectionProvider } from '../home/routes.js';

/** The smallest count published: anything under it could point to someone, so it is said as "fewer than 5". */
export const SMALLEST_PUBLISHED = 5;

/** A published count in words: the number, or "fewer than 5" (the database never gives a smaller one; null stands for it). */
export const publishedCount = (count: number | null) =>
  count === null || count < SMALLEST_PUBLISHED ? `fewer than ${SMALLEST_PUBLISHED}` : count.toLocaleString('en-GB');

export interface PublishedFigures {
  year: string;
  supported: string;
  waiting: string;
  matched: string;
}

/**
 * A scheme's published figures: plain counts of people, never anything about one of them. The
 * counting and the holding back of small counts are done in the database (hearth_scheme_figures),
 * since a commissioner may read no personal record.
 */
export function figuresService(db: Database) {
  return {
    async published(actor: Actor, today = todayInUk()): Promise<PublishedFigures> {
      const year = today.slice(0, 4);
      const [row] = await db.inScope(inScheme(actor), (tx) =>
        rowsOf<{ supported: number | null; waiting: number | null; matched: number | null }>(
          tx,
          sql`select supported, waiting, matched from hearth_scheme_figures(${`${year}-01-01`}::date)`,
        ),
      );
      return {
        year,
        supported: publishedCount(row?.supported ?? null),
        waiting: publishedCount(row?.waiting ?? null),
        matched: publishedCount(row?.matched ?? null),
      };
    },
  };
}

export type FiguresService = ReturnType<typeof figuresService>;

/** The figures on the home page of those who read them (a commissioner). */
export const figuresOnHome =
  (figures: FiguresService): HomeSectionProvider =>
  async (actor) =>
    can(actor.role, 'figures.view') ? [{ template: 'figures/views/home.njk', figures: await figures.published(actor) }] : [];
