/** GOV.UK items from fixed lists, and answers shown again: for radios, checkboxes, selects and forms. */

export type Values = Record<string, unknown>;

const chosen = (value: unknown) =>
  new Set(
    [value]
      .flat()
      .filter((v) => v !== undefined && v !== null)
      .map(String),
  );

/** Items for govukRadios, govukCheckboxes or govukSelect, marking what was chosen. */
export function options(names: Record<string, string> | { value: string; text: string }[], value?: unknown) {
  const picked = chosen(value);
  const pairs = Array.isArray(names) ? names : Object.entries(names).map(([v, text]) => ({ value: v, text }));
  return pairs.map((p) => ({ value: p.value, text: p.text, checked: picked.has(p.value), selected: picked.has(p.value) }));
}

/** A select's items with an empty first choice. */
export const selectOptions = (empty: string, names: Parameters<typeof options>[0], value?: unknown) => [
  { value: '', text: empty, checked: false, selected: !value },
  ...options(names, value),
];

/** A stored record as form values: nulls become empty, arrays joined for a text list. */
export function asValues(record: object | null | undefined, lists: string[] = []): Values {
  if (!record) return {};
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, lists.includes(key) && Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}
