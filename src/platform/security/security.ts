import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Security headers with a nonce-based content security policy, signed cookies, CSRF tokens, rate limits. */
export async function installSecurity(app: FastifyInstance, options: { secret: string; secureCookies: boolean }) {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: options.secureCookies ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: options.secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'hearth_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies },
  });
  await app.register(rateLimit, { global: false });
  // CSRF is checked once the body is parsed, so the token in a form post can be read.
  app.addHook('preHandler', (request, reply, done) => {
    if (UNSAFE.has(request.method)) app.csrfProtection(request, reply, done);
    else done();
  });
}
