import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/errors/errors.js';
import { choice, ids, text } from '../platform/forms/fields.js';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { options, type Values } from '../platform/forms/options.js';
import { PARTIES, type AgreementsService, type Party } from './agreements-service.js';
import { recordContext, savedMessage } from './present.js';
import {
  AGREEMENT_KIND_HINTS,
  AGREEMENT_KIND_NAMES,
  AGREEMENT_KINDS,
  PLACEHOLDER_HINTS,
  PLACEHOLDERS,
  type AgreementKind,
} from './templates.js';
import { isStaff } from '../platform/permissions/staff.js';

const PARTY_NAMES: Record<Party, string> = {
  person: 'The person (or their representative)',
  carer: 'The Shared Lives carer',
  scheme: 'The scheme',
};

const issueForm = z.object({ kind: choice(AGREEMENT_KINDS, 'Choose which agreement to issue') });

const staffAcknowledgement = z.object({
  party: choice(PARTIES, 'Choose who is acknowledging it'),
  name: text('Enter the name of who read and acknowledged it', { max: 120, label: 'Name' }),
  asWhom: text('Say as whom they acknowledged it, like “the person” or “her sister, for her”', { max: 200, label: 'As whom' }),
});

const ownAcknowledgement = z
  .object({ party: choice(PARTIES, 'Choose who is acknowledging it') })
  .transform((form) => ({ ...form, name: null, asWhom: null }));

const templateForm = z.object({
  title: text('Enter a title', { max: 200, label: 'Title' }),
  body: text('Enter the agreement’s text', { max: 20_000, label: 'The agreement' }),
  easyRead: text('Enter the Easy Read explanation', { max: 10_000, label: 'The Easy Read explanation' }),
});

const kindOf = (params: unknown): AgreementKind => {
  const parsed = z.object({ kind: z.enum(AGREEMENT_KINDS) }).safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data.kind;
};

/** Agreements: issuing, reading and acknowledging them for an arrangement; the scheme's templates. */
export function agreementRoutes(app: FastifyInstance, agreements: AgreementsService) {
  const listContext = async (request: FastifyRequest, id: string, saved?: unknown) => {
    const found = await agreements.list(request.actor, id);
    const staff = isStaff(request.actor);
    return {
      ...recordContext(found, request.actor, 'agreements', saved),
      kinds: found.kinds.map((k) => ({
        ...k,
        name: AGREEMENT_KIND_NAMES[k.kind],
        hint: AGREEMENT_KIND_HINTS[k.kind],
        versions: k.versions.map((v) => ({
          ...v,
          parties: PARTIES.map((p) => ({ party: p, name: PARTY_NAMES[p], by: v.acknowledgements.find((a) => a.party === p) ?? null })),
        })),
      })),
      canIssue: staff && found.arrangement.status !== 'ended',
    };
  };

  app.get('/arrangements/:id/agreements', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return reply.view('arrangements/views/agreements.njk', await listContext(request, id, (request.query as { saved?: string }).saved));
  });

  app.post('/arrangements/:id/agreements', { config: { access: 'arrangements.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: issueForm,
      view: 'arrangements/views/agreements.njk',
      context: await listContext(request, id),
      save: (form) => agreements.issue(once(request), id, form.kind),
      then: ({ id: agreementId }) => reply.redirect(`/arrangements/${id}/agreements/${agreementId}?saved=issued`),
    });
  });

  const readContext = async (request: FastifyRequest, id: string, agreementId: string, values: Values, saved?: unknown) => {
    const found = await agreements.read(request.actor, id, agreementId);
    const staff = isStaff(request.actor);
    const done = new Set(found.acknowledgements.map((a) => a.party));
    const open = PARTIES.filter((p) => !done.has(p) && (staff || p === found.ownParty));
    return {
      ...recordContext(found, request.actor, 'agreements'),
      title: `${found.agreement.title}, version ${found.agreement.version}`,
      savedMessage: savedMessage(saved),
      agreement: found.agreement,
      isLatest: found.isLatest,
      acknowledgements: found.acknowledgements.map((a) => ({ ...a, partyName: PARTY_NAMES[a.party] })),
      open: found.isLatest && found.arrangement.status !== 'ended' ? open : [],
      parties: options(
        open.map((p) => ({ value: p, text: PARTY_NAMES[p] })),
        values.party,
      ),
      ownParty: found.ownParty,
      backLink: `/arrangements/${id}/agreements`,
    };
  };

  app.get('/arrangements/:id/agreements/:agreementId', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id, agreementId } = ids(request.params, 'id', 'agreementId');
    const context = await readContext(request, id, agreementId, {}, (request.query as { saved?: string }).saved);
    return reply.view('arrangements/views/agreement.njk', { ...context, values: {} });
  });

  app.post(
    '/arrangements/:id/agreements/:agreementId/acknowledge',
    { config: { access: 'arrangements.acknowledge' } },
    async (request, reply) => {
      const { id, agreementId } = ids(request.params, 'id', 'agreementId');
      return submitForm(reply, {
        schema: isStaff(request.actor) ? staffAcknowledgement : ownAcknowledgement,
        view: 'arrangements/views/agreement.njk',
        context: await readContext(request, id, agreementId, answers(request.body)),
        save: (form) => agreements.acknowledge(request.actor, id, agreementId, form),
        then: () => reply.redirect(`/arrangements/${id}/agreements/${agreementId}?saved=acknowledged`),
      });
    },
  );

  app.get('/arrangements/settings/agreements', { config: { access: 'arrangements.settings' } }, async (request, reply) => {
    const kinds = await agreements.templates(request.actor);
    return reply.view('arrangements/views/templates.njk', {
      title: 'Agreement templates',
      kinds: kinds.map((k) => ({ ...k, name: AGREEMENT_KIND_NAMES[k.kind], hint: AGREEMENT_KIND_HINTS[k.kind] })),
      savedMessage: savedMessage((request.query as { saved?: string }).saved),
      backLink: '/arrangements',
    });
  });

  const templateContext = async (request: FastifyRequest, kind: AgreementKind) => {
    const found = (await agreements.templates(request.actor)).find((k) => k.kind === kind)!;
    return {
      title: `Change the template: ${AGREEMENT_KIND_NAMES[kind]}`,
      kind,
      kindName: AGREEMENT_KIND_NAMES[kind],
      current: found.current,
      versions: found.versions,
      placeholders: PLACEHOLDERS.map((p) => ({ name: `{${p}}`, hint: PLACEHOLDER_HINTS[p] })),
      limits: maxLengths(templateForm),
      backLink: '/arrangements/settings/agreements',
    };
  };

  app.get('/arrangements/settings/agreements/:kind', { config: { access: 'arrangements.settings' } }, async (request, reply) => {
    const context = await templateContext(request, kindOf(request.params));
    const values = context.current ? { title: context.current.title, body: context.current.body, easyRead: context.current.easyRead } : {};
    return reply.view('arrangements/views/template-form.njk', { ...context, values });
  });

  app.post('/arrangements/settings/agreements/:kind', { config: { access: 'arrangements.settings' } }, async (request, reply) => {
    const kind = kindOf(request.params);
    return submitForm(reply, {
      schema: templateForm,
      view: 'arrangements/views/template-form.njk',
      context: await templateContext(request, kind),
      save: (form) => agreements.saveTemplate(request.actor, kind, form),
      then: () => reply.redirect('/arrangements/settings/agreements?saved=template'),
    });
  });
}
