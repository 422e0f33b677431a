import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordContext } from '../arrangements/present.js';
import { notFound } from '../platform/errors/errors.js';
import { answers, formErrors, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { ids } from '../platform/forms/fields.js';
import { options, type Values } from '../platform/forms/options.js';
import { acceptForm, contentValues, declineForm, easyProposalForm, planForm, proposalForm, replyForm, riskRowCount } from './forms.js';
import { PLAN_SECTIONS, SECTION_NAMES, type PlanSection } from './plan.js';
import { planSections, proposalRow, sectionName, sectionOptions, sideBySide } from './present.js';
import { PlanConflict, type SupportPlansService } from './service.js';
import { CHANGE_SYMBOLS } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';

const SAVED: Record<string, string> = {
  saved: 'The support plan has been saved as a new version.',
  proposed: 'Thank you. Your worker will look at what you said. You can see it below.',
  replied: 'Your reply has been added.',
  accepted: 'The change has been accepted: the plan has a new version.',
  declined: 'It has been declined, with your reason.',
  noted: 'The comment has been marked as read.',
};

const savedOf = (request: FastifyRequest) => SAVED[(request.query as { saved?: string }).saved ?? ''];
const versionParam = (params: unknown) => {
  const parsed = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) }).safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data.version;
};
const sectionQuery = (query: unknown) =>
  z
    .object({
      section: z
        .enum([...PLAN_SECTIONS, 'whole'])
        .optional()
        .catch(undefined),
    })
    .parse(query ?? {}).section;

/**
 * The Easy Read page: always for the person's own plan (what issue 6 promises them, whatever their
 * reading preference), and for someone in their circle when that is how they read Hearth.
 */
const easyReadFor = (request: FastifyRequest, own: boolean) =>
  own || (request.reading?.easyRead === true && request.actor.role === 'circle_member');

/** Support plans: the arrangement's "Support plan" part, its versions, the worker's edit and merge, proposals and their threads. */
export function supportPlanRoutes(app: FastifyInstance, plans: SupportPlansService) {
  app.get('/arrangements/:id/plan', { config: { access: 'support-plans.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await plans.page(request.actor, id);
    const context = recordContext(found, request.actor, 'plan');
    const own = context.words.self;
    const page = {
      ...context,
      savedMessage: savedOf(request),
      mayRead: found.sight.mayRead,
      party: found.sight.party,
      canEdit: isStaff(request.actor) && found.arrangement.status !== 'ended',
      current: found.current,
      parts: found.current ? planSections(found.current.content, own) : [],
      proposals: found.proposals.map((p) => proposalRow(p, own)),
      versions: found.versions.map((v) => ({
        ...v,
        changedNames: v.changedSections.map((s) => SECTION_NAMES[s as PlanSection] ?? s).join(', '),
      })),
    };
    if (easyReadFor(request, own) && found.sight.mayRead) {
      return reply.view('support-plans/views/plan-easy.njk', {
        ...page,
        title: own ? 'My support plan' : `${found.person.name}’s support plan`,
        titleSymbol: 'plan',
      });
    }
    return reply.view('support-plans/views/plan.njk', page);
  });

  app.get('/arrangements/:id/plan/versions/:version', { config: { access: 'support-plans.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await plans.version(request.actor, id, versionParam(request.params));
    const context = recordContext(found, request.actor, 'plan');
    return reply.view('support-plans/views/version.njk', {
      ...context,
      title: `Support plan, version ${found.row.version}: ${context.words.heading}`,
      row: found.row,
      latest: found.latest,
      parts: planSections(found.content, context.words.self),
      diff: found.diff.map((d) => ({ ...d, name: sectionName(d.section, context.words.self) })),
      backLink: `/arrangements/${id}/plan`,
    });
  });

  const editContext = async (request: FastifyRequest, id: string) => {
    const found = await plans.forEditing(request.actor, id);
    return {
      found,
      context: {
        ...recordContext(found, request.actor, 'plan'),
        title: `${found.version ? 'Change' : 'Write'} the support plan`,
        version: found.version,
        backLink: `/arrangements/${id}/plan`,
        limits: maxLengths(planForm),
      },
    };
  };

  app.get('/arrangements/:id/plan/edit', { config: { access: 'support-plans.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { found, context } = await editContext(request, id);
    const values = { ...contentValues(found.content), version: String(found.version) };
    return reply.view('support-plans/views/edit.njk', { ...context, values, riskRows: riskRowCount(values) });
  });

  app.post('/arrangements/:id/plan', { config: { access: 'support-plans.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { context } = await editContext(request, id);
    const values = answers(request.body);
    return submitForm(reply, {
      schema: planForm,
      view: 'support-plans/views/edit.njk',
      context: { ...context, riskRows: riskRowCount(values) },
      save: (form) => orConflict(plans.save(request.actor, id, form)),
      then: (saved) =>
        saved instanceof PlanConflict
          ? mergeScreen(reply, { ...context, title: 'Someone else changed the plan: merge your changes' }, saved, values)
          : reply.redirect(`/arrangements/${id}/plan?saved=saved`),
    });
  });

  const proposeContext = async (request: FastifyRequest, id: string, values: Values) => {
    const found = await plans.page(request.actor, id);
    if (!found.sight.party) throw notFound();
    const context = recordContext(found, request.actor, 'plan');
    const own = context.words.self;
    const section = typeof values.section === 'string' ? values.section : undefined;
    const part =
      found.current && section && section !== 'whole' ? planSections(found.current.content, own).find((p) => p.key === section) : undefined;
    return {
      ...context,
      title: own ? 'Say what you think about your plan' : 'Comment on or propose a change to the plan',
      titleSymbol: 'say',
      own,
      hasPlan: !!found.current,
      part,
      sections: sectionOptions(own, values.section),
      parts: found.current ? planSections(found.current.content, own) : [],
      changeSymbols: CHANGE_SYMBOLS,
      kinds: options(
        [
          { value: 'change', text: own ? 'I want to change it' : 'Propose a change' },
          { value: 'comment', text: own ? 'I want to say something about it' : 'Comment' },
        ],
        values.kind,
      ),
      limits: maxLengths(proposalForm),
      backLink: `/arrangements/${id}/plan`,
    };
  };
  const proposeView = (request: FastifyRequest, own: boolean) =>
    easyReadFor(request, own) ? 'support-plans/views/propose-easy.njk' : 'support-plans/views/propose.njk';

  app.get('/arrangements/:id/plan/propose', { config: { access: 'support-plans.propose' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const values = { section: sectionQuery(request.query), kind: 'change' };
    const context = await proposeContext(request, id, values);
    return reply.view(proposeView(request, context.own), { ...context, values });
  });

  app.post('/arrangements/:id/plan/proposals', { config: { access: 'support-plans.propose' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const context = await proposeContext(request, id, answers(request.body));
    const easy = easyReadFor(request, context.own);
    return submitForm(reply, {
      schema: easy ? easyProposalForm : proposalForm,
      view: proposeView(request, context.own),
      context,
      save: (form) => plans.propose(once(request), id, form),
      then: ({ id: proposalId }) => reply.redirect(`/arrangements/${id}/plan/proposals/${proposalId}?saved=proposed`),
    });
  });

  const proposalContext = async (request: FastifyRequest, id: string, proposalId: string) => {
    const found = await plans.proposal(request.actor, id, proposalId);
    const context = recordContext(found, request.actor, 'plan');
    const own = context.words.self;
    const { proposal } = found;
    const section = proposal.section === 'whole' ? null : (proposal.section as PlanSection);
    const staff = isStaff(request.actor);
    const open = proposal.status === 'open' || proposal.status === 'discussing';
    const live = found.arrangement.status !== 'ended';
    return {
      ...context,
      title: own
        ? 'What was said about my plan'
        : `${proposal.kind === 'change' ? 'Proposed change' : 'Comment'}: ${sectionName(proposal.section, own)}`,
      titleSymbol: 'say',
      own,
      mine: proposal.authorUserId === request.actor.userId,
      savedMessage: savedOf(request),
      sent: ['proposed', 'replied'].includes((request.query as { saved?: string }).saved ?? ''),
      proposal: proposalRow(proposal, own),
      decision: proposal,
      messages: found.messages,
      part: section ? planSections(found.content, own).find((p) => p.key === section) : null,
      version: found.plan.version,
      mayReply: open && live && (staff || !!found.sight.party),
      mayAccept: open && live && staff && proposal.kind === 'change' && !!section,
      mayDecline: open && live && staff && proposal.kind === 'change',
      mayNote: open && live && staff && proposal.kind === 'comment',
      isRisks: section === 'risks',
      acceptValues: acceptValues(found, section),
      limits: maxLengths(replyForm, acceptForm, declineForm),
      backLink: `/arrangements/${id}/plan`,
    };
  };

  // What was said about the person's own plan is theirs to read in Easy Read; accepting and declining stay on the staff page.
  const proposalView = (context: { own: boolean }) =>
    context.own ? 'support-plans/views/proposal-easy.njk' : 'support-plans/views/proposal.njk';

  app.get('/arrangements/:id/plan/proposals/:proposalId', { config: { access: 'support-plans.view' } }, async (request, reply) => {
    const { id, proposalId } = ids(request.params, 'id', 'proposalId');
    const context = await proposalContext(request, id, proposalId);
    return reply.view(proposalView(context), {
      ...context,
      values: context.own ? {} : context.acceptValues,
      riskRows: riskRowCount(context.acceptValues),
    });
  });

  const decision = (
    action: string,
    access: 'support-plans.discuss' | 'support-plans.manage',
    handle: (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      proposalId: string,
      context: Awaited<ReturnType<typeof proposalContext>>,
    ) => Promise<FastifyReply>,
  ) =>
    app.post(`/arrangements/:id/plan/proposals/:proposalId/${action}`, { config: { access } }, async (request, reply) => {
      const { id, proposalId } = ids(request.params, 'id', 'proposalId');
      const context = await proposalContext(request, id, proposalId);
      return handle(request, reply, id, proposalId, {
        ...context,
        riskRows: riskRowCount({ ...context.acceptValues, ...answers(request.body) }),
      } as typeof context);
    });
  const back = (reply: FastifyReply, id: string, proposalId: string, saved: string) =>
    reply.redirect(`/arrangements/${id}/plan/proposals/${proposalId}?saved=${saved}`);

  decision('replies', 'support-plans.discuss', (request, reply, id, proposalId, context) =>
    submitForm(reply, {
      schema: replyForm,
      view: proposalView(context),
      context,
      save: (form) => plans.reply(once(request), id, proposalId, form.words),
      then: () => back(reply, id, proposalId, 'replied'),
    }),
  );

  decision('accept', 'support-plans.manage', (request, reply, id, proposalId, context) =>
    submitForm(reply, {
      schema: acceptForm,
      view: proposalView(context),
      context,
      save: (form) => orConflict(plans.accept(request.actor, id, proposalId, form)),
      then: (saved) =>
        saved instanceof PlanConflict
          ? reply.code(409).view(proposalView(context), {
              ...context,
              values: { ...answers(request.body), version: String(saved.details.current) },
              errors: formErrors([
                {
                  path: ['version'],
                  message: `${saved.details.theirs.byName ?? 'Someone'} saved version ${saved.details.current} of the plan while you were reading: check the words below against the plan as it is now, then accept again`,
                },
              ]),
            })
          : back(reply, id, proposalId, 'accepted'),
    }),
  );

  decision('decline', 'support-plans.manage', (request, reply, id, proposalId, context) =>
    submitForm(reply, {
      schema: declineForm,
      view: proposalView(context),
      context,
      save: (form) => plans.decline(request.actor, id, proposalId, form.declineReason),
      then: () => back(reply, id, proposalId, 'declined'),
    }),
  );

  decision('noted', 'support-plans.manage', async (request, reply, id, proposalId, context) =>
    submitForm(reply, {
      schema: z.object({}),
      view: proposalView(context),
      context,
      save: () => plans.noted(request.actor, id, proposalId),
      then: () => back(reply, id, proposalId, 'noted'),
    }),
  );

  app.get('/support-plans/proposals', { config: { access: 'support-plans.manage' } }, async (request, reply) => {
    const everyone = (request.query as { worker?: string }).worker === 'all';
    const rows = await plans.openProposals(request.actor, { everyone });
    return reply.view('support-plans/views/proposals.njk', {
      title: 'Support plan proposals waiting for you',
      everyone,
      rows: rows.map((r) => proposalRow(r, false)),
      backLink: '/arrangements',
    });
  });
}

/** A save that lost the race comes back as the conflict to show, not as an error page. */
const orConflict = async <T>(save: Promise<T>): Promise<T | PlanConflict> => {
  try {
    return await save;
  } catch (error) {
    if (error instanceof PlanConflict) return error;
    throw error;
  }
};

/**
 * The form again, with the version saved meanwhile: parts only one of us changed merged, and for
 * each part we both changed, theirs beside mine and a choice (keep mine, take theirs, or edit mine).
 */
function mergeScreen(reply: FastifyReply, context: Record<string, unknown>, conflict: PlanConflict, typed: Values) {
  const { details } = conflict;
  const values: Values = {
    ...contentValues(details.merged),
    reason: typed.reason,
    version: String(details.current),
    conflicts: details.conflicts,
  };
  const who = details.theirs.byName ?? 'Someone';
  return reply.code(409).view('support-plans/views/edit.njk', {
    ...context,
    values,
    riskRows: riskRowCount(values),
    version: details.current,
    errors: formErrors([
      {
        path: [details.conflicts.length ? `choice-${details.conflicts[0]}` : 'reason'],
        message: details.conflicts.length
          ? `${who} saved version ${details.current} while you were editing, and changed the same parts as you: choose which words to keep`
          : `${who} saved version ${details.current} while you were editing: their changes and yours are merged below. Check them, then save`,
      },
    ]),
    merge: {
      who,
      at: details.theirs.at,
      reason: details.theirs.reason,
      version: details.current,
      conflicts: Object.fromEntries(details.conflicts.map((s) => [s, sideBySide(s, details.mine, details.theirs.content)])),
      conflictList: details.conflicts,
    },
  });
}

function acceptValues(found: Awaited<ReturnType<SupportPlansService['proposal']>>, section: PlanSection | null): Values {
  const { proposal, content, plan } = found;
  const base = { version: String(plan.version), reason: `Asked for by ${proposal.authorName}` };
  if (!section) return base;
  if (section === 'risks') return { ...base, ...contentValues({ ...content, risks: content.risks }) };
  return { ...base, text: proposal.proposedText ?? content[section] };
}
