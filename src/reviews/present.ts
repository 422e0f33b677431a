import type { AreaChart } from './chart.js';
import type { Due, Schedule } from './schedule.js';
import { ANSWER_CHOICES, ANSWER_NAMES, QUESTIONS, RATING_NAMES, type Answer } from './words.js';

const SAVED: Record<string, string> = {
  created: 'Saved.',
  answered: 'Thank you. We have your answers.',
  carer: 'The carer’s view has been saved.',
  completed: 'The review is complete. Everyone in it can now read it.',
};

export const savedMessage = (key: unknown) => (typeof key === 'string' ? SAVED[key] : undefined);

const TAGS: Record<Due['status'], { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--orange' },
  ok: { text: 'Not due yet', classes: 'govuk-tag--grey' },
};

/** What is due next, as summary-list rows. */
export const scheduleRows = (schedule: Schedule) =>
  [schedule.visit, schedule.review]
    .filter((d) => d !== null)
    .map((d) => ({ name: d.kind === 'visit' ? 'Next visit' : 'Next review', dueOn: d.dueOn, tag: TAGS[d.status] }));

/** The person's answers in plain words, question by question, with the symbol of each answer. */
export function personAnswers(view: { answers: Record<string, string> } | null) {
  if (!view) return [];
  return QUESTIONS.flatMap((q) => {
    const answer = view.answers[q.key] as Answer | undefined;
    if (!answer) return [];
    return [
      {
        key: q.key,
        topic: q.topic,
        question: q.question,
        answer: ANSWER_NAMES[answer],
        symbol: ANSWER_CHOICES.find((c) => c.value === answer)!.symbol,
      },
    ];
  });
}

/** The charts' numbers as a table: a row per area, a cell per review. */
export const wellbeingRows = (charts: { columns: { id: string; label: string }[]; areas: AreaChart[] }) =>
  charts.areas.map((a) => ({
    name: a.name,
    cells: charts.columns.map((_, column) => {
      const point = a.points.find((p) => p.column === column);
      return point ? `${point.rating}: ${RATING_NAMES[point.rating]}` : 'Not rated';
    }),
  }));
