import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { maxLengths } from './limits.js';
import { sayingSentAgain, SentBefore } from './once.js';

export interface FormErrors {
  /** For the GOV.UK error summary, in the order of the form. */
  list: { text: string; href: string }[];
  /** For each field's inline message: `errorMessage: errors.fields.email`. */
  fields: Record<string, { text: string }>;
}

/** A problem a service finds with an answer (for example, an email already in use), shown like any other. */
export class InputProblem extends Error {
  /** Outside a form (a plain button post), it still answers 400, never 500. */
  readonly statusCode = 400;

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Issue = { path: PropertyKey[]; message: string };

export function formErrors(issues: Issue[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    fields[field] ??= { text: issue.message };
  }
  return { list: Object.entries(fields).map(([field, { text }]) => ({ text, href: `#${field}` })), fields };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export function parse<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input ?? {});
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: formErrors(result.error.issues) };
}

const NEVER_SHOWN_AGAIN = /^_csrf$|^_once$|password/i;

/** What the person typed, to put back in the form: never the CSRF token or a password. */
export function answers(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([name]) => !NEVER_SHOWN_AGAIN.test(name)));
}

export interface FormSubmission<S extends z.ZodType, R> {
  schema: S;
  view: string;
  context?: Record<string, unknown>;
  /**
   * Does the work, in one transaction; throws InputProblem for an answer it cannot accept. A form that
   * creates a record gives its service `once(request)` (./once.ts), and returns plain data (ids).
   */
  save: (data: z.output<S>) => Promise<R>;
  /** Where to go once saved: usually a redirect. A form sent again goes there too, with what the first send saved. */
  then: (result: R) => FastifyReply;
}

/**
 * The one way a page handles a form post: parse with Zod, save, and on any problem show the same
 * page again with the person's answers and a summary of what to fix. Nothing is saved unless all is,
 * and a creating form sent again saves nothing more.
 */
export async function submitForm<S extends z.ZodType, R>(reply: FastifyReply, form: FormSubmission<S, R>): Promise<FastifyReply> {
  const body = reply.request.body;
  const again = (errors: FormErrors) =>
    reply.code(400).view(form.view, {
      ...form.context,
      limits: { ...maxLengths(form.schema), ...(form.context?.limits as Record<string, number> | undefined) },
      values: answers(body),
      errors,
    });
  const parsed = parse(form.schema, body);
  if (!parsed.ok) return again(parsed.errors);
  try {
    return form.then(await form.save(parsed.data));
  } catch (error) {
    if (error instanceof InputProblem) return again(formErrors([{ path: [error.field], message: error.message }]));
    if (error instanceof SentBefore) {
      sayingSentAgain(reply);
      return form.then(error.result as R);
    }
    throw error;
  }
}

/** The JSON API's twin of submitForm: 400 with the field errors, or the saved result. */
export async function submitJson<S extends z.ZodType, R>(
  reply: FastifyReply,
  schema: S,
  save: (data: z.output<S>) => Promise<R>,
  status = 201,
) {
  const parsed = parse(schema, reply.request.body);
  if (!parsed.ok) return reply.code(400).send({ errors: fieldMessages(parsed.errors) });
  try {
    return reply.code(status).send(await save(parsed.data));
  } catch (error) {
    if (error instanceof InputProblem) return reply.code(400).send({ errors: { [error.field]: error.message } });
    throw error;
  }
}

const fieldMessages = (errors: FormErrors) => Object.fromEntries(Object.entries(errors.fields).map(([field, { text }]) => [field, text]));
