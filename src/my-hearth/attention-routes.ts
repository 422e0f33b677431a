import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HomeNotice } from '../home/routes.js';
import type { Actor } from '../platform/http/types.js';
import { can } from '../platform/permissions/permissions.js';
import { submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { pagination } from '../platform/layout/paging.js';
import { ids } from '../platform/forms/fields.js';
import { replyForm } from './forms.js';
import type { AttentionRow, MyHearthService } from './service.js';
import { MESSAGE_KIND, aboutOf, moodOf } from './words.js';

const access = { config: { access: 'attention.manage' } } as const;
const listQuery = z.object({
  show: z.enum(['open', 'all']).catch('open').default('open'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** Where a message has got to, for staff. */
export function stateOf(m: AttentionRow) {
  if (m.dealtWithAt) return { text: `Dealt with by ${m.dealtWithByName}`, colour: 'green' };
  if (m.replies.length) return { text: 'Replied', colour: 'blue' };
  if (m.seenAt) return { text: `Read by ${m.seenByName}`, colour: 'yellow' };
  return { text: 'Not read yet', colour: m.kind === 'help_now' ? 'red' : 'grey' };
}

const what = (m: AttentionRow) => [
  ...(m.mood ? [`Mood: ${moodOf(m.mood).words}`] : []),
  ...m.symbols.flatMap((s) => {
    const about = aboutOf(s);
    return about ? [`About: ${about.words}`] : [];
  }),
  ...(m.words ? [m.words] : []),
];

/** Staff: what people told the scheme (Tell someone, and moods that are not OK): read, reply, mark dealt with. */
export function messagesRoutes(app: FastifyInstance, myHearth: MyHearthService) {
  app.get('/messages', access, async (request, reply) => {
    const filter = listQuery.parse(request.query ?? {});
    const { total, rows } = await myHearth.attention(request.actor, filter);
    return reply.view('my-hearth/views/messages.njk', {
      title: 'Messages from people',
      filter,
      paging: pagination({ page: filter.page, total, path: '/messages', query: { show: filter.show === 'all' ? 'all' : undefined } }),
      rows: rows.map((m) => ({
        ...m,
        kindName: MESSAGE_KIND[m.kind].staff,
        urgent: m.kind === 'help_now' && !m.dealtWithAt,
        state: stateOf(m),
        what: what(m),
      })),
    });
  });

  const itemContext = async (actor: Parameters<MyHearthService['attentionItem']>[0], id: string) => {
    const m = await myHearth.attentionItem(actor, id);
    return {
      title: `${MESSAGE_KIND[m.kind].staff}: ${m.personName}`,
      backLink: '/messages',
      m,
      kindName: MESSAGE_KIND[m.kind].staff,
      state: stateOf(m),
      what: what(m),
      limits: maxLengths(replyForm),
    };
  };

  app.get('/messages/:id', access, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { done } = request.query as { done?: string };
    return reply.view('my-hearth/views/messages-item.njk', { ...(await itemContext(request.actor, id)), values: {}, done });
  });

  app.post('/messages/:id/reply', access, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: replyForm,
      view: 'my-hearth/views/messages-item.njk',
      context: await itemContext(request.actor, id),
      save: (form) => myHearth.reply(once(request), id, form.words),
      then: () => reply.redirect(`/messages/${id}?done=replied`),
    });
  });

  app.post('/messages/:id/dealt-with', access, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    await myHearth.dealtWith(request.actor, id);
    return reply.redirect(`/messages/${id}?done=dealt-with`);
  });
}

/** On staff's home page: what people told the scheme that is waiting, and whether anyone needs help now. */
export const attentionNotice =
  (myHearth: MyHearthService) =>
  async (actor: Actor): Promise<HomeNotice[]> => {
    if (!can(actor.role, 'attention.manage')) return [];
    const { open, urgent } = await myHearth.openCounts(actor);
    if (open === 0) return [];
    const waiting = `${open} message${open === 1 ? '' : 's'} from people ${open === 1 ? 'is' : 'are'} waiting`;
    return [
      {
        text: urgent ? `${urgent} ${urgent === 1 ? 'person needs' : 'people need'} help now. ${waiting}.` : `${waiting}.`,
        href: '/messages',
        linkText: 'Read messages from people',
        urgent: urgent > 0,
      },
    ];
  };
