import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { ids } from '../platform/forms/fields.js';
import { asValues, options, selectOptions, type Values } from '../platform/forms/options.js';
import { communicationForm, profileForm } from './forms.js';
import type { PersonHeader } from './header.js';
import type { PeopleServices } from './service.js';
import { CONTACT_NAMES, NEED_NAMES } from './words.js';

const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

export function aboutRoutes(app: FastifyInstance, { about, header }: PeopleServices) {
  app.get('/people/:id/profile', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { version } = versionQuery.parse(request.query ?? {});
    const found = await about.profile(request.actor, id, version);
    return reply.view('people/views/profile.njk', {
      title: `About me: ${found.person.name}`,
      section: 'profile',
      ...found,
      backLink: '/people',
      earlier: found.profile && found.latest !== found.profile.version,
      saved: (request.query as { saved?: string }).saved === '1',
    });
  });

  const profileContext = (person: PersonHeader, values: Values) => ({
    title: `Write the one-page profile: ${person.name}`,
    person,
    backLink: `/people/${person.id}/profile`,
    ownWords: options({ yes: 'Yes, in their own words', no: 'No, written for them' }, values.inOwnWords),
    limits: maxLengths(profileForm),
  });

  app.get('/people/:id/profile/edit', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await about.profile(request.actor, id);
    const values = found.profile ? { ...asValues(found.profile), inOwnWords: found.profile.inOwnWords ? 'yes' : 'no' } : {};
    return reply.view('people/views/profile-edit.njk', { ...profileContext(found.person, values), values });
  });

  app.post('/people/:id/profile', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: profileForm,
      view: 'people/views/profile-edit.njk',
      context: profileContext(await header(request.actor, id), answers(request.body)),
      save: (form) => about.saveProfile(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}/profile?saved=1`),
    });
  });

  const communicationContext = (person: PersonHeader, values: Values) => ({
    title: `Communication needs: ${person.name}`,
    person,
    backLink: `/people/${person.id}`,
    needs: options(NEED_NAMES, values.needs),
    noNeeds: options({ yes: 'They have no communication needs' }, values.noNeeds),
    contacts: selectOptions('Not recorded', CONTACT_NAMES, values.preferredContact),
    limits: maxLengths(communicationForm),
  });

  app.get('/people/:id/communication', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { person, record } = await about.communication(request.actor, id);
    const values = record ? { ...asValues(record), noNeeds: record.needs.length ? '' : 'yes' } : {};
    return reply.view('people/views/communication.njk', { ...communicationContext(person, values), values });
  });

  app.post('/people/:id/communication', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const person = await header(request.actor, id);
    return submitForm(reply, {
      schema: communicationForm,
      view: 'people/views/communication.njk',
      context: communicationContext(person, answers(request.body)),
      save: (form) => about.saveCommunication(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}`),
    });
  });
}
