import type { FastifyInstance, FastifyReply } from 'fastify';
import type nunjucks from 'nunjucks';
import { STANDARD_READING } from '../easy-read/reading.js';
import { navigationFor } from './navigation.js';
import { sentAgain } from '../forms/once.js';

/**
 * reply.view(template, context): every page gets the signed-in user, how they want to read,
 * navigation, CSRF token and CSP nonce, and whether it follows a form sent again.
 */
export function installRendering(app: FastifyInstance, views: nunjucks.Environment) {
  app.decorateReply('view', function view(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const { request } = this;
    const csrfToken = this.generateCsrf();
    const cspNonce = (this.cspNonce as { script?: string } | undefined)?.script;
    const html = views.render(template, {
      ...context,
      user: request.user,
      // Not found before the guard answers (a refused page): then the standard way.
      reading: request.reading ?? STANDARD_READING,
      currentPath: request.url.split('?')[0],
      navigation: navigationFor(request.user?.role ?? null, request.url.split('?')[0] ?? '/'),
      csrfToken,
      cspNonce,
      sentAgain: sentAgain(this),
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}
