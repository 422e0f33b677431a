import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { submitForm } from '../forms/forms.js';
import type { Reading, ReadingService } from './reading.js';

const yesNo = (whenEmpty: string) => z.enum(['yes', 'no'], { error: whenEmpty }).transform((answer) => answer === 'yes');

const readingForm = z.object({
  easyRead: yesNo('Choose yes or no for Easy Read pages'),
  largerText: yesNo('Choose yes or no for bigger words'),
  readAloudFirst: yesNo('Choose yes or no for the read aloud button first'),
});

const answered = (reading: Reading) => ({
  easyRead: reading.easyRead ? 'yes' : 'no',
  largerText: reading.largerText ? 'yes' : 'no',
  readAloudFirst: reading.readAloudFirst ? 'yes' : 'no',
});

/** How someone likes to read Hearth, the Easy Read guide to Hearth, and the accessibility statement. */
export function easyReadRoutes(app: FastifyInstance, reading: ReadingService) {
  const view = 'platform/easy-read/views/reading.njk';
  const context = (current: Reading) => ({
    title: 'How I like to read',
    titleSymbol: 'read',
    current: answered(current),
    chosen: current.chosen,
    backLink: '/account',
  });

  app.get('/account/reading', { config: { access: 'account.manage' } }, async (request, reply) => {
    const { saved } = request.query as { saved?: string };
    return reply.view(view, { ...context(request.reading), saved: saved === 'yes' });
  });

  app.post('/account/reading', { config: { access: 'account.manage' } }, (request, reply) =>
    submitForm(reply, {
      schema: readingForm,
      view,
      context: context(request.reading),
      save: (choice) => reading.choose(request.actor, choice),
      then: () => reply.redirect('/account/reading?saved=yes'),
    }),
  );

  app.get('/help/easy-read', { config: { access: 'home.view' } }, async (_request, reply) =>
    reply.view('platform/easy-read/views/help.njk', { title: 'How to use Hearth', titleSymbol: 'help' }),
  );

  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('platform/easy-read/views/accessibility.njk', { title: 'Accessibility statement for Hearth' }),
  );
}
