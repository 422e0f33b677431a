import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { authService } from './platform/auth/service.js';
import { sessionStore } from './platform/auth/sessions.js';
import { installGuard, requireAccessRules, type AccessRule } from './platform/auth/guard.js';
import { authRoutes } from './platform/auth/routes.js';
import { installErrorPages } from './platform/errors/errors.js';
import { installSecurity } from './platform/security/security.js';
import { installAssets } from './platform/layout/assets.js';
import { installRendering } from './platform/layout/render.js';
import { createViews } from './platform/layout/views.js';
import { healthRoutes } from './platform/health/health.js';
import { homeRoutes } from './home/routes.js';
import { comingSoonRoutes } from './coming-soon/routes.js';
import { accountRoutes } from './account/routes.js';
import { auditLog } from './platform/audit/log.js';
import { auditRoutes } from './platform/audit/routes.js';
import { teamService } from './team/service.js';
import { teamRoutes } from './team/routes.js';
import { schemesService } from './schemes/service.js';
import { schemesRoutes } from './schemes/routes.js';
import { peopleServices } from './people/service.js';
import { peopleRoutes } from './people/routes.js';

export type AppConfig = Pick<Config, 'sessionSecret' | 'secureCookies' | 'logLevel'> & {
  /** Sign-in attempts allowed from one address in five minutes. */
  signInAttempts?: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    accessRules: AccessRule[];
  }
}

/** Data access: one store per concern, over the one database. */
export const stores = (db: Database) => ({
  sessions: sessionStore(db),
});

/** Services: rules, permissions, audit and transactions, built from the stores. */
export const services = (db: Database, s: ReturnType<typeof stores>) => ({
  auth: authService(db, s.sessions),
  auditLog: auditLog(db),
  team: teamService(db),
  schemes: schemesService(db),
  people: peopleServices(db),
});

export type Services = ReturnType<typeof services>;

/** The composition root: database → stores → services → routes. */
export async function buildApp(config: AppConfig, db: Database): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    // One line per request only when asked for (LOG_LEVEL=debug); errors are always logged.
    disableRequestLogging: !['debug', 'trace'].includes(config.logLevel),
    bodyLimit: 256 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const s = stores(db);
  const svc = services(db, s);

  app.decorate('accessRules', requireAccessRules(app));
  installErrorPages(app);
  await installSecurity(app, { secret: config.sessionSecret, secureCookies: config.secureCookies });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  installRendering(app, createViews());
  installGuard(app, s.sessions);
  await installAssets(app);

  healthRoutes(app, db);
  authRoutes(app, svc.auth, { secureCookies: config.secureCookies, signInAttempts: config.signInAttempts ?? 10 });
  homeRoutes(app);
  comingSoonRoutes(app);
  accountRoutes(app, svc.auth);
  teamRoutes(app, svc.team);
  schemesRoutes(app, svc.schemes);
  peopleRoutes(app, svc.people);
  auditRoutes(app, svc.auditLog);
  return app;
}
