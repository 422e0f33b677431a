import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import { signedIn, Actor } from '../http/types.js';
import { readingPreferences } from './schema.js';

/** How Hearth shows itself to someone: on every page, through the layout. */
export interface Reading {
  easyRead: boolean;
  largerText: boolean;
  readAloudFirst: boolean;
  /** False while it comes from their communication needs (or the standard), not their own choice. */
  chosen: boolean;
}

export type ReadingChoice = Omit<Reading, 'chosen'>;

export const STANDARD_READING: Reading = { easyRead: false, largerText: false, readAloudFirst: false, chosen: false };

/** Preferences are kept per user; the default is handed in (the people capability's, from their communication needs). */
export function readingService(db: Database, byDefault: (actor: Actor) => Promise<Reading>) {
  return {
    async forActor(actor: Actor): Promise<Reading> {
      if (!actor.userId) return STANDARD_READING;
      const [row] = await db.inScope(actor, (tx) =>
        tx
          .select()
          .from(readingPreferences)
          .where(eq(readingPreferences.userId, signedIn(actor).userId)),
      );
      if (row) return { easyRead: row.easyRead, largerText: row.largerText, readAloudFirst: row.readAloudFirst, chosen: true };
      return byDefault(actor);
    },

    /** The default for someone who has not chosen. */
    byDefault,

    async choose(actor: Actor, choice: ReadingChoice): Promise<void> {
      const userId = signedIn(actor).userId;
      await db.inScope(actor, async (tx) => {
        await tx
          .insert(readingPreferences)
          .values({ userId, ...choice })
          .onConflictDoUpdate({ target: readingPreferences.userId, set: { ...choice, updatedAt: new Date() } });
        await audit(tx, actor, {
          action: 'updated',
          recordType: 'reading preferences',
          recordId: userId,
          subjectUserId: userId,
          changes: choice,
        });
      });
    },
  };
}

export type ReadingService = ReturnType<typeof readingService>;

declare module 'fastify' {
  interface FastifyRequest {
    /** How this person wants Hearth shown: the layout reads it for every page. */
    reading: Reading;
  }
}

/**
 * The signed-in person's way of reading, before any page is made. Their own choice comes with the
 * session (the guard sets it); without one, it follows their communication needs.
 */
export function installReading(app: FastifyInstance, reading: ReadingService) {
  app.decorateRequest('reading', null as never);
  app.addHook('preHandler', async (request) => {
    if (!request.user || request.routeOptions.config.assets || request.url.startsWith('/api/')) request.reading = STANDARD_READING;
    else if (!(request.reading as Reading | null)) request.reading = await reading.byDefault(request.actor);
  });
}
