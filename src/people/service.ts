import type { Database } from '../platform/db/database.js';
import { postcodeLocator, type Locate } from '../postcodes/service.js';
import type { Actor } from '../platform/http/types.js';
import { aboutService } from './about-service.js';
import { sightOf } from './access.js';
import { circleService } from './circle-service.js';
import { peopleCsvService } from './csv-service.js';
import { personHeader, type PersonHeader } from './header.js';
import { needsService } from './needs-service.js';
import { recordsService } from './records-service.js';
import { sharedViewService } from './shared-view-service.js';

/** The people's journey, as one service for the composition root and for other capabilities. */
export function peopleServices(db: Database, options: { today?: () => string; locate?: Locate } = {}) {
  const locate = options.locate ?? postcodeLocator();
  return {
    records: recordsService(db, { today: options.today, locate }),
    about: aboutService(db),
    needs: needsService(db, { locate }),
    circle: circleService(db),
    shared: sharedViewService(db),
    csv: peopleCsvService(db, options.today),

    /**
     * The top of any page about a person, with the communication flag: for matching, arrangements and
     * the carer's view to show through `people/views/person-header.njk`. Checks the actor may see them.
     */
    header: (actor: Actor, personId: string): Promise<PersonHeader> =>
      db.inScope(actor, async (tx) => {
        await sightOf(tx, actor, personId);
        return personHeader(tx, personId);
      }),
  };
}

export type PeopleServices = ReturnType<typeof peopleServices>;
