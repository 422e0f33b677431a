import type { FastifyInstance } from 'fastify';
import { answers, submitForm } from '../platform/forms/forms.js';
import { once } from '../platform/forms/once.js';
import { ids } from '../platform/forms/fields.js';
import { asValues, options, type Values } from '../platform/forms/options.js';
import { circleMemberForm } from './forms.js';
import type { PersonHeader } from './header.js';
import type { PeopleServices } from './service.js';
import { CONSENT_NAMES, RELATIONSHIP_NAMES } from './words.js';

export function circleRoutes(app: FastifyInstance, { circle, header }: PeopleServices) {
  app.get('/people/:id/circle', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await circle.circle(request.actor, id);
    const named = (m: (typeof found.members)[number]) => ({
      ...m,
      relationshipName: m.relationshipDetail
        ? `${RELATIONSHIP_NAMES[m.relationship]} (${m.relationshipDetail})`
        : RELATIONSHIP_NAMES[m.relationship],
      consents: m.consents.map((c) => ({ ...c, areaName: CONSENT_NAMES[c.area] })),
    });
    return reply.view('people/views/circle.njk', {
      title: `Circle of support: ${found.person.name}`,
      section: 'circle',
      backLink: '/people',
      person: found.person,
      members: found.members.map(named),
      ended: found.ended.map(named),
    });
  });

  const memberContext = (person: PersonHeader, memberId: string | null, values: Values) => ({
    title: memberId ? `Change someone in the circle: ${person.name}` : `Add someone to the circle of support: ${person.name}`,
    person,
    memberId,
    backLink: `/people/${person.id}/circle`,
    relationships: options(RELATIONSHIP_NAMES, values.relationship),
    consents: options(CONSENT_NAMES, values.consents),
  });

  app.get('/people/:id/circle/new', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { person } = await circle.member(request.actor, id);
    return reply.view('people/views/circle-member.njk', { ...memberContext(person, null, {}), values: {} });
  });

  app.post('/people/:id/circle', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: circleMemberForm,
      view: 'people/views/circle-member.njk',
      context: memberContext(await header(request.actor, id), null, answers(request.body)),
      save: (form) => circle.addMember(once(request), id, form),
      then: () => reply.redirect(`/people/${id}/circle`),
    });
  });

  app.get('/people/:id/circle/:memberId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, memberId } = ids(request.params, 'id', 'memberId');
    const { person, member } = await circle.member(request.actor, id, memberId);
    const values = { ...asValues(member), signInEmail: member!.signInEmail ?? '', consents: member!.consents.map((c) => c.area) };
    return reply.view('people/views/circle-member.njk', { ...memberContext(person, memberId, values), values });
  });

  app.post('/people/:id/circle/:memberId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, memberId } = ids(request.params, 'id', 'memberId');
    const { person } = await circle.member(request.actor, id, memberId);
    return submitForm(reply, {
      schema: circleMemberForm,
      view: 'people/views/circle-member.njk',
      context: memberContext(person, memberId, answers(request.body)),
      save: (form) => circle.updateMember(request.actor, id, memberId, form),
      then: () => reply.redirect(`/people/${id}/circle`),
    });
  });

  app.post('/people/:id/circle/:memberId/end', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, memberId } = ids(request.params, 'id', 'memberId');
    await circle.endMember(request.actor, id, memberId);
    return reply.redirect(`/people/${id}/circle`);
  });
}
