import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { govukDist, srcDir } from '../paths.js';
import { stylesheet } from './styles.js';

const publicDir = path.join(srcDir, 'platform/layout/public');
const govukAssets = path.join(govukDist, 'govuk/assets');
const govukScript = path.join(govukDist, 'govuk');

const config = { access: 'public', assets: true } as const;
const DAY = 24 * 3600;

/** GOV.UK Frontend's fonts, images and script, and Hearth's own stylesheet, served by Hearth itself. */
export async function installAssets(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: publicDir, serve: false, cacheControl: false });
  const css = await stylesheet();
  app.get('/hearth/hearth.css', { config }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', `public, max-age=${DAY}`).send(css),
  );
  app.get('/hearth/:file', { config }, async (request, reply) =>
    reply.header('cache-control', `public, max-age=${DAY}`).sendFile((request.params as { file: string }).file, publicDir),
  );
  app.get('/assets/govuk-frontend.min.js', { config }, async (_request, reply) =>
    reply.header('cache-control', `public, max-age=${DAY}`).sendFile('govuk-frontend.min.js', govukScript),
  );
  app.get('/assets/*', { config }, async (request, reply) =>
    reply.header('cache-control', `public, max-age=${DAY}`).sendFile((request.params as { '*': string })['*'], govukAssets),
  );
}
