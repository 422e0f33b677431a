import type { Actor } from './platform/http/types.js';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { authService } from './platform/auth/service.js';
import { sessionStore } from './platform/auth/sessions.js';
import { installGuard, requireAccessRules, type AccessRule } from './platform/auth/guard.js';
import { authRoutes } from './platform/auth/routes.js';
import { signInLinkService } from './platform/auth/links.js';
import { signInLinkRoutes } from './platform/auth/link-routes.js';
import { passkeyService } from './platform/auth/passkeys.js';
import { passkeyRoutes } from './platform/auth/passkey-routes.js';
import { SIGN_IN_LIMITS, signInFailures, type SignInLimits } from './platform/auth/limits.js';
import { mailer, type MailSettings } from './platform/mail/mailer.js';
import { outboxRoutes } from './platform/mail/routes.js';
import { installErrorPages } from './platform/errors/errors.js';
import { installSecurity } from './platform/security/security.js';
import { installAssets } from './platform/layout/assets.js';
import compress from '@fastify/compress';
import { compression } from './platform/http/compression.js';
import { installUploads, keepUploadedFile } from './platform/http/uploads.js';
import { installRendering } from './platform/layout/render.js';
import { createViews } from './platform/layout/views.js';
import { healthRoutes } from './platform/health/health.js';
import { homeRoutes } from './home/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { figuresOnHome, figuresService } from './figures/service.js';
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
import { aboutService } from './people/about-service.js';
import { carersService } from './carers/service.js';
import { householdService } from './carers/household-service.js';
import { reviewsService } from './carers/reviews-service.js';
import { carersRoutes } from './carers/routes.js';
import { carersCsvService } from './carers/import-service.js';
import { carersCsvRoutes } from './carers/csv-routes.js';
import { addDefaultCheckTypes, checksService } from './carers/checks/service.js';
import { checksRoutes } from './carers/checks/routes.js';
import { carersDue } from './carers/due.js';
import { panelService } from './panel/service.js';
import { panelRoutes } from './panel/routes.js';
import { dueService } from './due/service.js';
import { arrangementsService } from './arrangements/service.js';
import { addDefaultAgreementTemplates, agreementsService } from './arrangements/agreements-service.js';
import { arrangementsRoutes } from './arrangements/routes.js';
import { agreementRoutes } from './arrangements/agreement-routes.js';
import { dueRoutes } from './due/routes.js';
import { matchingService } from './matching/service.js';
import { matchingRoutes } from './matching/routes.js';
import { shortBreaksServices } from './short-breaks/service.js';
import { shortBreaksRoutes } from './short-breaks/routes.js';
import { installReading, readingService } from './platform/easy-read/reading.js';
import { easyReadRoutes } from './platform/easy-read/routes.js';
import { symbolRoutes } from './platform/easy-read/symbols.js';
import { myHearthService } from './my-hearth/service.js';
import { myHearthRoutes, type PersonPage } from './my-hearth/routes.js';
import { messagesRoutes, attentionNotice } from './my-hearth/attention-routes.js';
import { supportPlansService } from './support-plans/service.js';
import { supportPlanRoutes } from './support-plans/routes.js';
import { notesAttention, notesHighlights, notesService } from './notes/service.js';
import { notesRoutes } from './notes/routes.js';
import { incidentsAttention, incidentsDue, incidentsService } from './incidents/service.js';
import { incidentsRoutes } from './incidents/routes.js';
import { attentionHighlights, attentionService } from './attention/service.js';
import { attentionRoutes } from './attention/routes.js';
import { reviewsService as arrangementReviewsService } from './reviews/service.js';
import { reviewsRoutes } from './reviews/routes.js';
import { reviewsDue } from './reviews/due.js';
import { onlineLookup, type OnlineLookupSettings } from './postcodes/online.js';
import { postcodeLocator, postcodesService, type Locate } from './postcodes/service.js';
import { postcodesRoutes } from './postcodes/routes.js';
import { people, personPlaces } from './people/schema.js';
import { carers } from './carers/schema.js';

export type AppConfig = Pick<Config, 'sessionSecret' | 'secureCookies' | 'logLevel'> & {
  /** Failed sign-ins allowed per account and per address (SIGN_IN_LIMITS unless given). */
  signInLimits?: SignInLimits;
  /** The address people use (links in emails, passkeys); without it, taken from localhost requests. */
  baseUrl?: string | null;
  /** How email goes out; without it, messages wait in the outbox. */
  mail?: MailSettings | null;
  /** The time now, for sign-in links and passkey challenges (tests move it on). */
  clock?: () => Date;
  /** A postcodes.io-compatible service for postcodes the table does not know; without it, the table only. */
  postcodeLookup?: OnlineLookupSettings | null;
};

declare module 'fastify' {
  interface FastifyInstance {
    accessRules: AccessRule[];
  }
}

/** One line per request only when asked for (LOG_LEVEL=debug); errors are logged by the error handler. */
class QuietRequests extends LogController {
  override incomingRequest(request: Parameters<LogController['incomingRequest']>[0]) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(_error: unknown, _request: unknown, reply: Parameters<LogController['requestCompleted']>[2]) {
    reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Data access: one store per concern, over the one database. */
export const stores = (db: Database, config: Pick<AppConfig, 'mail' | 'postcodeLookup'> = {}) => ({
  sessions: sessionStore(db),
  mail: mailer(db, config.mail ?? null),
  postcodeLookup: config.postcodeLookup ? onlineLookup(config.postcodeLookup) : null,
});

/** Services: rules, permissions, audit and transactions, built from the stores. */
export const services = (db: Database, s: ReturnType<typeof stores>, clock?: () => Date) =>
  servicesLocating(db, s, postcodeLocator(s.postcodeLookup), clock);

const servicesLocating = (db: Database, s: ReturnType<typeof stores>, locate: Locate, clock?: () => Date) => ({
  postcodes: { locate, ...postcodesService(db, { records: [people, carers, personPlaces] }) },
  auth: authService(db, s.sessions),
  // Every way of signing in ends in the auth service's one way of starting a session.
  signInLinks: signInLinkService(db, authService(db, s.sessions), s.mail, clock),
  passkeys: passkeyService(db, authService(db, s.sessions), clock),
  auditLog: auditLog(db),
  team: teamService(db),
  schemes: schemesService(db, [addDefaultCheckTypes, addDefaultAgreementTemplates]),
  people: peopleServices(db, { locate }),
  reading: readingService(db, (actor) => aboutService(db).ownReading(actor)),
  carers: carersService(db, { locate }),
  carersCsv: carersCsvService(db),
  household: householdService(db),
  reviews: reviewsService(db),
  checks: checksService(db),
  panel: panelService(db),
  matching: matchingService(db),
  due: dueService(db, [carersDue(), incidentsDue(), reviewsDue()]),
  shortBreaks: shortBreaksServices(db),
  arrangements: arrangementsService(db),
  agreements: agreementsService(db),
  myHearth: myHearthService(db),
  supportPlans: supportPlansService(db),
  notes: notesService(db),
  incidents: incidentsService(db),
  attention: attentionService(db, [notesAttention(db), incidentsAttention(db)]),
  arrangementReviews: arrangementReviewsService(db),
  figures: figuresService(db),
});

export type Services = ReturnType<typeof services>;

/** The composition root: database → stores → services → routes. */
export async function buildApp(config: AppConfig, db: Database): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    logController: new QuietRequests(),
    bodyLimit: 256 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const s = stores(db, config);
  const svc = services(db, s, config.clock);
  app.addHook('onClose', () => s.mail.close());

  app.decorate('accessRules', requireAccessRules(app));
  installErrorPages(app);
  await installSecurity(app, { secret: config.sessionSecret, secureCookies: config.secureCookies });
  await app.register(formbody);
  // Spreadsheet uploads: the file arrives in the body with the form's other fields, CSRF token included.
  // A route may stream its files to disk instead (postcode files run to a gigabyte): src/platform/http/uploads.ts.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: keepUploadedFile,
    limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 20 },
  });
  installUploads(app);
  installRendering(app, createViews());
  installGuard(app, s.sessions);
  await app.register(compress, compression);
  await installAssets(app);
  symbolRoutes(app);
  installReading(app, svc.reading);

  healthRoutes(app, db);
  const failures = signInFailures(config.signInLimits ?? SIGN_IN_LIMITS, config.clock);
  const signIn = { secureCookies: config.secureCookies, failures, baseUrl: config.baseUrl ?? null };
  authRoutes(app, svc.auth, signIn);
  signInLinkRoutes(app, svc.signInLinks, { ...signIn, mailSends: s.mail.sends });
  passkeyRoutes(app, svc.passkeys, signIn);
  outboxRoutes(app, s.mail);
  // My plan and My reviews open the person's live arrangement's support plan and reviews (their own are always in Easy Read).
  const liveArrangement = async (actor: Actor, personId: string) =>
    (await svc.arrangements.list(actor, { person: personId, status: 'live', page: 1 })).rows[0]?.id ?? null;
  const toArrangement =
    (part: 'plan' | 'reviews'): PersonPage =>
    async (request, me) => {
      const id = await liveArrangement(request.actor, me.id);
      return id ? `/arrangements/${id}/${part}` : null;
    };
  const myHearth = myHearthRoutes(app, {
    myHearth: svc.myHearth,
    matching: svc.matching,
    arrangements: svc.arrangements,
    bookings: svc.shortBreaks.bookings,
    people: svc.people,
    pages: { plan: toArrangement('plan'), reviews: toArrangement('reviews') },
  });
  homeRoutes(app, {
    homes: { person: myHearth.personHome },
    notices: [attentionNotice(svc.myHearth)],
    highlights: [notesHighlights(svc.notes), attentionHighlights(svc.attention)],
    sections: [figuresOnHome(svc.figures)],
  });
  messagesRoutes(app, svc.myHearth);
  comingSoonRoutes(app);
  settingsRoutes(app);
  accountRoutes(app, svc.auth, svc.passkeys);
  easyReadRoutes(app, svc.reading);
  teamRoutes(app, svc.team);
  schemesRoutes(app, svc.schemes);
  peopleRoutes(app, svc.people, {
    supportedBy: async (actor, page) => {
      const { total, rows } = await svc.arrangements.list(actor, { status: 'live', page });
      return { total, rows: rows.map((a) => ({ arrangementId: a.id, personName: a.personName, type: a.type, startsOn: a.startsOn })) };
    },
  });
  auditRoutes(app, svc.auditLog);
  carersRoutes(app, {
    carers: svc.carers,
    household: svc.household,
    reviews: svc.reviews,
    panelCases: svc.panel.casesForCarer,
    respite: (actor, carerId) => svc.shortBreaks.availability.summary(actor, carerId),
  });
  carersCsvRoutes(app, svc.carersCsv);
  checksRoutes(app, svc.checks);
  panelRoutes(app, svc.panel);
  dueRoutes(app, svc.due, svc.carers);
  matchingRoutes(app, svc.matching, svc.carers);
  shortBreaksRoutes(app, svc.shortBreaks);
  arrangementsRoutes(app, svc.arrangements, { openProposals: (actor) => svc.supportPlans.openCount(actor) });
  agreementRoutes(app, svc.agreements);
  supportPlanRoutes(app, svc.supportPlans);
  notesRoutes(app, svc.notes, svc.arrangements);
  incidentsRoutes(app, svc.incidents, svc.arrangements);
  attentionRoutes(app, svc.attention);
  reviewsRoutes(app, svc.arrangementReviews);
  postcodesRoutes(app, svc.postcodes);
  return app;
}
