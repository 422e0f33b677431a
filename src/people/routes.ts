import type { FastifyInstance } from 'fastify';
import { aboutRoutes } from './about-routes.js';
import { circleRoutes } from './circle-routes.js';
import { peopleCsvRoutes } from './csv-routes.js';
import { needsRoutes } from './needs-routes.js';
import { recordsRoutes } from './records-routes.js';
import type { PeopleServices } from './service.js';

/** Every page of the people's journey. */
export function peopleRoutes(app: FastifyInstance, people: PeopleServices) {
  recordsRoutes(app, people);
  aboutRoutes(app, people);
  needsRoutes(app, people);
  circleRoutes(app, people);
  peopleCsvRoutes(app, people);
}
