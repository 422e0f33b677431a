import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rowsOf, type SpentWith } from '../db/database.js';
import type { Actor } from '../http/types.js';
import { formTokens } from './schema.js';

/**
 * Forms that create a record make it once, however often they are sent (back and send again, a
 * double click, a slow connection). The form carries a one-time token in a hidden field:
 *
 *   <input type="hidden" name="_once" value="{{ formToken() }}">
 *
 * and its route gives the service `once(request)` instead of `request.actor`. The service's
 * transaction then spends the token before its work: a second send finds it spent, saves nothing,
 * and submitForm goes where the first send went, saying so. Showing a form writes nothing.
 */
export const ONCE_FIELD = '_once';

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** A new token for a form being shown: random, and stored nowhere until a write spends it. */
export const newFormToken = () => randomBytes(16).toString('base64url');

/** A form sent again: nothing was saved this time. `result` is what the first send's work returned. */
export class SentBefore extends Error {
  constructor(readonly result: unknown) {
    super('This form was sent before');
  }
}

/** The token spent in the transaction's first statement, which also forgets the person's tokens spent over a day ago. */
function spending(token: string, userId: string): SpentWith {
  let used = false;
  return {
    async run(tx, work) {
      if (used) throw new Error('A form’s token is spent by one transaction: the service ran more than one');
      used = true;
      const fresh = await rowsOf(
        tx,
        sql`with forgotten as (delete from form_tokens where user_id = ${userId} and spent_at < now() - interval '1 day')
          insert into form_tokens (token, user_id) values (${token}, ${userId}) on conflict (token) do nothing returning token`,
      );
      if (!fresh.length) {
        const [first] = await tx.select({ result: formTokens.result }).from(formTokens).where(eq(formTokens.token, token));
        throw new SentBefore(first?.result ?? null);
      }
      const result = await work(tx);
      if (result !== undefined) await tx.update(formTokens).set({ result }).where(eq(formTokens.token, token));
      return result;
    },
  };
}

/** The acting person, spending the form's one-time token (when it sent one) with the write their service makes. */
export function once(request: FastifyRequest): Actor {
  const token = (request.body as Record<string, unknown> | null | undefined)?.[ONCE_FIELD];
  const { actor } = request;
  if (typeof token !== 'string' || !TOKEN.test(token) || !actor.userId) return actor;
  return { ...actor, once: spending(token, actor.userId) };
}

/** The cookie that tells the next page a form was sent again: read once, by the layout. */
export const SENT_AGAIN_COOKIE = 'hearth-sent-again';

export function sayingSentAgain(reply: FastifyReply) {
  reply.setCookie(SENT_AGAIN_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 60 });
}

/** Whether this page follows a form sent again; the cookie is then cleared. */
export function sentAgain(reply: FastifyReply): boolean {
  if (reply.request.cookies?.[SENT_AGAIN_COOKIE] !== '1') return false;
  reply.clearCookie(SENT_AGAIN_COOKIE, { path: '/' });
  return true;
}
