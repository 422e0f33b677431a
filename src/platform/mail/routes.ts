import type { FastifyInstance } from 'fastify';
import { pageQuery } from '../forms/fields.js';
import { pagination } from '../layout/paging.js';
import type { Mailer, MailStatus } from './mailer.js';

const STATUS: Record<MailStatus, { text: string; classes: string }> = {
  waiting: { text: 'Waiting to be passed on', classes: 'govuk-tag--yellow' },
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  failed: { text: 'Not sent', classes: 'govuk-tag--red' },
};

/** A web address, or a path on this site, standing alone in a message. */
const LINK = /(https?:\/\/[^\s<>"]+|(?<=^|\s)\/[^\s<>"]+)/;

/** A message's text as paragraphs of parts, each plain words or a link, for the page to show safely. */
export function paragraphsOf(body: string): { text: string; href?: string }[][] {
  return body.split(/\n\s*\n/).map((paragraph) =>
    paragraph
      .split(LINK)
      .filter(Boolean)
      .map((part) => (LINK.test(part) ? { text: part, href: part } : { text: part })),
  );
}

/** The outbox: every email Hearth made, newest first; the ones still waiting show their text. */
export function outboxRoutes(app: FastifyInstance, mail: Mailer) {
  app.get('/outbox', { config: { access: 'outbox.view' } }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const { total, messages } = await mail.list(request.actor, page);
    return reply.view('platform/mail/views/outbox.njk', {
      title: 'Outbox',
      sends: mail.sends,
      paging: pagination({ page, total, path: '/outbox' }),
      messages: messages.map((m) => ({ ...m, status: STATUS[m.status], paragraphs: m.body ? paragraphsOf(m.body) : null })),
    });
  });
}
