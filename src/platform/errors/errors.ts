import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Throw from a service or route to answer with a clear page for this status. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message = '',
  ) {
    super(message);
  }
}

export const notFound = () => new HttpProblem(404);
export const forbidden = () => new HttpProblem(403);

interface ErrorPage {
  title: string;
  body: string;
}

const PAGES: Record<number, ErrorPage> = {
  400: { title: 'Something in the request was not right', body: 'Go back and try again. If it keeps happening, tell your scheme.' },
  401: { title: 'You need to sign in', body: 'Sign in to Hearth to see this page.' },
  403: {
    title: 'You cannot see this page',
    body: 'Your role in this scheme does not include this page. If you think it should, ask your scheme manager.',
  },
  404: {
    title: 'Page not found',
    body: 'If you typed the web address, check it is correct. If you followed a link, the page may have moved or you may not have access to it.',
  },
  405: { title: 'That cannot be done here', body: 'Go back and try again.' },
  413: { title: 'What you sent is too large', body: 'Go back, make it shorter, and try again.' },
  415: { title: 'Hearth could not read what was sent', body: 'Go back and send the form again.' },
  429: { title: 'Too many attempts', body: 'Wait a few minutes, then try again.' },
  500: {
    title: 'Sorry, there is a problem with Hearth',
    body: 'Try again later. Nothing you sent has been half-saved: if it did not finish, none of it was kept.',
  },
  503: { title: 'Hearth is not available right now', body: 'Try again in a few minutes.' },
};

const CSRF_PAGE: ErrorPage = {
  title: 'This form has expired',
  body: 'For your security, forms expire. Go back, refresh the page, and send it again.',
};

export function statusOf(error: Partial<FastifyError> & { status?: number }): number {
  const status = error.statusCode ?? error.status ?? 500;
  return status >= 400 && status < 600 ? status : 500;
}

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url === '/health';

export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, code?: string) {
  const page = code?.startsWith('FST_CSRF') ? CSRF_PAGE : (PAGES[status] ?? PAGES[status >= 500 ? 500 : 400]!);
  reply.code(status);
  if (wantsJson(request)) return reply.send({ error: page.title });
  try {
    return reply.view('platform/errors/views/error.njk', { title: page.title, body: page.body, status });
  } catch (error) {
    request.log.error({ err: error }, 'error page failed');
    return reply.type('text/plain; charset=utf-8').send(page.title);
  }
}

/** One 404 page, one error page, no stack traces: every failure ends here. */
export function installErrorPages(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 404));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, code: error.code }, error.message);
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (headers) reply.headers(headers);
    return sendProblem(request, reply, status, error.code);
  });
}
