import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import { inTurn } from '../platform/db/unit-of-work.js';
import type { HighlightProvider } from '../home/routes.js';
import type { Actor } from '../platform/http/types.js';
import { forWhom, sortAttention, type AttentionProvider } from './attention.js';
import { requireStaff } from '../platform/permissions/staff.js';

/** What needs attention now, from every provider: a worker's own (or everyone's), a manager's whole scheme. */
export function attentionService(db: Database, providers: readonly AttentionProvider[]) {
  const gather = async (actor: Actor) => (await inTurn(providers.map((p) => () => p.list(actor)))).flat();
  return {
    async list(actor: Actor, options: { everyone: boolean }) {
      requireStaff(actor);
      const all = await gather(actor);
      const items = sortAttention(options.everyone ? all : forWhom(actor, all));
      await db.inScope(actor, (tx) =>
        audit(tx, actor, { action: 'listed', recordType: 'attention', changes: { everyone: options.everyone } }),
      );
      return { items, everyone: all.length };
    },

    /** How many things wait for this actor: for the home page. */
    async count(actor: Actor) {
      return (await inTurn(providers.map((p) => () => p.count(actor)))).reduce((a, b) => a + b, 0);
    },
  };
}

export type AttentionService = ReturnType<typeof attentionService>;

/** Staff's home page: how many things need their attention, one tap from the list. */
export function attentionHighlights(attention: AttentionService): HighlightProvider {
  return async (actor) => {
    if (actor.role !== 'scheme_manager' && actor.role !== 'scheme_worker') return [];
    const waiting = await attention.count(actor);
    return waiting ? [{ text: `${waiting} ${waiting === 1 ? 'thing needs' : 'things need'} your attention`, href: '/attention' }] : [];
  };
}
