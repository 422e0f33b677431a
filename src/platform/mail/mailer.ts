import nodemailer from 'nodemailer';
import { count, desc } from 'drizzle-orm';
import { audit } from '../audit/audit.js';
import { NO_ONE, type Database, type Scope } from '../db/database.js';
import type { Actor } from '../http/types.js';
import { PAGE_SIZE } from '../layout/paging.js';
import { outbox, type MAIL_STATUSES } from './schema.js';

export type MailStatus = (typeof MAIL_STATUSES)[number];

/** How mail goes out: an SMTP address or options (nodemailer's), and who it is from. */
export interface MailSettings {
  transport: Parameters<typeof nodemailer.createTransport>[0];
  from: string;
}

export interface Message {
  to: string;
  subject: string;
  text: string;
  /** Who it is for, if they sign in to Hearth, and the scheme it is about (none for national messages). */
  recipientUserId: string | null;
  schemeId: string | null;
}

/**
 * Sends email through SMTP when Hearth has settings for it; without them (the embedded demo),
 * keeps each message in the outbox for a scheme manager to open. Either way the outbox records it.
 */
export function mailer(db: Database, settings: MailSettings | null) {
  const transport = settings ? nodemailer.createTransport(settings.transport) : null;

  async function deliver(message: Message): Promise<{ status: MailStatus; error: string | null }> {
    if (!transport || !settings) return { status: 'waiting', error: null };
    try {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
      return { status: 'sent', error: null };
    } catch (error) {
      return { status: 'failed', error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
    }
  }

  return {
    /** True when messages go out by SMTP; false when they wait in the outbox. */
    sends: transport !== null,

    /**
     * Sends a message and records it. `sender` is who is acting: by default the recipient themselves
     * (a sign-in link they asked for), whom the database lets tag it only with a scheme they are in.
     */
    async send(message: Message, sender: Scope = { ...NO_ONE, userId: message.recipientUserId }): Promise<MailStatus> {
      const { status, error } = await deliver(message);
      await db.inScope(sender, (tx) =>
        tx.insert(outbox).values({
          schemeId: message.schemeId,
          recipientUserId: message.recipientUserId,
          to: message.to,
          subject: message.subject,
          body: status === 'waiting' ? message.text : null,
          status,
          error,
        }),
      );
      return status;
    },

    /** The newest messages first: a scheme's for its manager, national ones for a national administrator. */
    async list(actor: Actor, page: number) {
      return db.inScope(actor, async (tx) => {
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(outbox);
        const messages = await tx
          .select()
          .from(outbox)
          .orderBy(desc(outbox.createdAt), desc(outbox.id))
          .limit(PAGE_SIZE)
          .offset((page - 1) * PAGE_SIZE);
        await audit(tx, actor, { action: 'listed', recordType: 'outbox' });
        return { total: Number(total), messages };
      });
    },

    close() {
      transport?.close();
    },
  };
}

export type Mailer = ReturnType<typeof mailer>;
