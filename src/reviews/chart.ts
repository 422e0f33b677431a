import { formatDate } from '../platform/layout/views.js';
import type { IsoDate } from '../platform/dates.js';
import {
  RATING_NAMES,
  RATINGS,
  WELLBEING_AREA_NAMES,
  WELLBEING_AREA_SHORT,
  WELLBEING_AREAS,
  type Rating,
  type WellbeingArea,
} from './words.js';

/**
 * Wellbeing over time, as data for a server-drawn chart: one small line chart per Care Act area
 * (small multiples, so nine lines never cross on one plot), each with a sentence that says what it
 * shows, and the same numbers as a table. Pure: no database, no HTML.
 */
export interface RatedReview {
  id: string;
  heldOn: IsoDate;
  ratings: Partial<Record<WellbeingArea, Rating>>;
}

export const CHART = { width: 320, height: 150, left: 30, right: 8, top: 12, bottom: 28 } as const;

export interface AreaChart {
  area: WellbeingArea;
  name: string;
  short: string;
  points: { x: number; y: number; rating: Rating; label: string; column: number }[];
  /** The SVG polyline's points: "x,y x,y". */
  line: string;
  /** What the chart shows, in words: its text alternative. */
  summary: string;
  change: 'up' | 'down' | 'same' | 'none';
}

const plotWidth = CHART.width - CHART.left - CHART.right;
const plotHeight = CHART.height - CHART.top - CHART.bottom;

export const yOf = (rating: number) => CHART.top + plotHeight * (1 - (rating - 1) / (RATINGS.length - 1));
export const xOf = (index: number, count: number) => CHART.left + (count <= 1 ? plotWidth / 2 : (plotWidth * index) / (count - 1));

/** The gridlines and their labels: one per rating. */
export const gridlines = RATINGS.map((rating) => ({ y: yOf(rating), rating, name: RATING_NAMES[rating] }));

function describe(name: string, rated: { rating: Rating; label: string }[]): { summary: string; change: AreaChart['change'] } {
  if (!rated.length) return { summary: `${name}: not rated yet.`, change: 'none' };
  const first = rated[0]!;
  const last = rated.at(-1)!;
  const steps = rated.map((r) => `${RATING_NAMES[r.rating].toLowerCase()} (${r.rating}) in ${r.label}`).join(', ');
  if (rated.length === 1) return { summary: `${name}: ${steps}.`, change: 'none' };
  const difference = last.rating - first.rating;
  const change = difference > 0 ? 'up' : difference < 0 ? 'down' : 'same';
  const overall = change === 'same' ? 'the same as at first' : `${change} ${Math.abs(difference)} since ${first.label}`;
  return { summary: `${name}: ${steps}. Now ${overall}.`, change };
}

/** Reviews oldest first; areas in the Act's order. A review without a rating for an area leaves a gap. */
export interface Column {
  id: string;
  label: string;
  x: number;
  /** The axis label ("Mar 2025"), on every column when there are few, else on the first and last only. */
  axis: string | null;
  anchor: 'start' | 'middle' | 'end';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthYear = (date: IsoDate) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

export function wellbeingCharts(reviews: readonly RatedReview[]): { columns: Column[]; areas: AreaChart[] } {
  const sorted = [...reviews].sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id.localeCompare(b.id));
  const count = sorted.length;
  const columns = sorted.map((r, i): Column => ({
    id: r.id,
    label: formatDate(r.heldOn),
    x: xOf(i, count),
    axis: count <= 4 || i === 0 || i === count - 1 ? monthYear(r.heldOn) : null,
    anchor: count === 1 ? 'middle' : i === 0 ? 'start' : i === count - 1 ? 'end' : 'middle',
  }));
  const areas = WELLBEING_AREAS.map((area) => {
    const points = sorted.flatMap((review, index) => {
      const rating = review.ratings[area];
      return rating ? [{ x: xOf(index, sorted.length), y: yOf(rating), rating, label: columns[index]!.label, column: index }] : [];
    });
    return {
      area,
      name: WELLBEING_AREA_NAMES[area],
      short: WELLBEING_AREA_SHORT[area],
      points,
      line: points.map((p) => `${p.x},${p.y}`).join(' '),
      ...describe(WELLBEING_AREA_SHORT[area], points),
    };
  });
  return { columns, areas };
}
