import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import { forbidden } from '../platform/errors/errors.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { mayRead, sightOf } from './access.js';
import { profileVersion } from './about-service.js';
import { membersOf } from './circle-service.js';
import { personHeader } from './header.js';
import { needsOf, preferencesOf, risksOf } from './needs-service.js';
import { historyOf } from './records-service.js';
import { isStaff } from '../platform/permissions/staff.js';

/**
 * A person's record as the person sees it, or as someone in their circle sees it: only the parts
 * the person consented to share with that someone. Staff use the worker's pages instead.
 */
export function sharedViewService(db: Database) {
  return {
    async view(actor: Actor, personId: string) {
      if (isStaff(actor)) throw forbidden();
      return db.inScope(actor, async (tx) => {
        const sight = await sightOf(tx, actor, personId);
        const person = await personHeader(tx, personId);
        const result = {
          relation: sight.relation,
          person,
          profile: mayRead(sight, 'profile') ? await profileVersion(tx, personId) : undefined,
          needs: mayRead(sight, 'support_plan') ? { ...(await needsOf(tx, personId)), risks: await risksOf(tx, personId) } : undefined,
          preferences: mayRead(sight, 'matching') ? await preferencesOf(tx, personId) : undefined,
          history: mayRead(sight, 'matching') ? await historyOf(tx, personId) : undefined,
          circle:
            sight.relation === 'self'
              ? await membersOf(tx, personId, { includeEnded: false })
              : await membersOf(tx, personId, { includeEnded: false, userId: inScheme(actor).userId }),
        };
        await audit(tx, actor, { action: 'viewed', recordType: 'person', recordId: personId, subjectUserId: person.userId });
        return result;
      });
    },
  };
}

export type SharedViewService = ReturnType<typeof sharedViewService>;
