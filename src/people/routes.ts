import type { FastifyInstance } from 'fastify';
import type { Actor } from '../platform/http/types.js';
import { aboutRoutes } from './about-routes.js';
import { circleRoutes } from './circle-routes.js';
import { peopleCsvRoutes } from './csv-routes.js';
import { needsRoutes } from './needs-routes.js';
import { recordsRoutes } from './records-routes.js';
import type { PeopleServices } from './service.js';

/** Someone a carer supports now, through one of their live arrangements. */
export interface SupportedPerson {
  arrangementId: string;
  personName: string | null;
  type: string;
  startsOn: string;
}

export interface PeopleRouteOptions {
  /** A carer's live arrangements, a page at a time: the arrangements capability knows who a carer supports. */
  supportedBy: (actor: Actor, page: number) => Promise<{ total: number; rows: SupportedPerson[] }>;
}

/** Every page of the people's journey. */
export function peopleRoutes(app: FastifyInstance, people: PeopleServices, options: PeopleRouteOptions) {
  recordsRoutes(app, people, options);
  aboutRoutes(app, people);
  needsRoutes(app, people);
  circleRoutes(app, people);
  peopleCsvRoutes(app, people);
}
