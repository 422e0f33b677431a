import type { z } from 'zod';

/**
 * The most characters each text field of a form takes, by name, read from the form's Zod schemas:
 * a view gives them to its character counts (`limits` in its context), so a limit is written once,
 * in the schema. Fields in a list of rows are named `list.field`.
 */
export function maxLengths(...schemas: z.core.$ZodType[]): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const schema of schemas) collect(schema, '', limits);
  return limits;
}

function collect(schema: z.core.$ZodType, name: string, limits: Record<string, number>) {
  const def = schema._zod.def as z.core.$ZodTypeDef & Partial<Record<'innerType' | 'in' | 'out' | 'element', z.core.$ZodType>>;
  if (def.type === 'object') {
    const { shape } = def as z.core.$ZodObjectDef;
    for (const [field, inner] of Object.entries(shape)) collect(inner, name ? `${name}.${field}` : field, limits);
  } else if (def.type === 'pipe') {
    // What is typed is read by the pipe's first schema; after a preprocess, by its second.
    collect(def.in!._zod.def.type === 'transform' ? def.out! : def.in!, name, limits);
  } else if (def.type === 'array') {
    collect(def.element!, name, limits);
  } else if (def.innerType) {
    collect(def.innerType, name, limits);
  } else if (def.type === 'string' && name) {
    for (const check of def.checks ?? []) {
      const { check: kind, maximum } = check._zod.def as { check: string; maximum?: number };
      if (kind === 'max_length' && maximum !== undefined) limits[name] = Math.min(maximum, limits[name] ?? maximum);
    }
  }
}

/**
 * The character count's parameters, refused without a maximum: a view not given its form's limits
 * fails loudly in the tests rather than showing a box that does not say how much it takes.
 */
export function withLimit<P extends { name?: unknown; maxlength?: unknown }>(params: P): P {
  const max = params.maxlength;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    throw new Error(`The text box ${String(params.name)} has no maximum: give its view its form's limits (maxLengths)`);
  return params;
}
