import type { FastifyInstance } from 'fastify';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { ids } from '../platform/forms/fields.js';
import { asValues, options, type Values } from '../platform/forms/options.js';
import { categoryForm, needsForm, placeForm, preferencesForm, riskForm } from './forms.js';
import type { PersonHeader } from './header.js';
import type { PeopleServices } from './service.js';
import { ARRANGEMENT_NAMES, type ArrangementType } from './status.js';
import { HOUSEHOLD_TOPICS, PLACE_KIND_NAMES, type HouseholdAnswer } from './words.js';

type Preferences = Awaited<ReturnType<PeopleServices['needs']['preferences']>>['preferences'];

/** What someone wants from a match, in words, for a summary list: about "you" when the person reads it. */
export function preferenceWords(p: NonNullable<Preferences>, { you = false } = {}) {
  const they = you ? 'you' : 'they';
  const row = (key: string, value: string | number | null | undefined) => ({
    key: { text: key },
    value: { text: value === null || value === undefined || value === '' ? 'Not written down' : String(value) },
  });
  const household = (topic: keyof typeof HOUSEHOLD_TOPICS, answer: HouseholdAnswer | null) =>
    row(HOUSEHOLD_TOPICS[topic].question, answer ? HOUSEHOLD_TOPICS[topic].answers[answer] : null);
  return {
    rows: [
      row(`What ${they} are waiting for`, p.arrangement ? ARRANGEMENT_NAMES[p.arrangement as ArrangementType] : null),
      row(`Where ${they} want to live`, p.areas),
      row('How far from there', p.maxDistanceMiles ? `Up to ${p.maxDistanceMiles} miles` : null),
      row('Household', p.household),
      household('children', p.children),
      household('pets', p.pets),
      household('smoking', p.smoking),
      row('Faith', p.faith),
      row('Culture', p.culture),
      row('Languages', p.languages.join(', ')),
      row('Interests', p.interests.join(', ')),
      row('Routines', p.routines),
      row(`Who ${they} want to live with or near`, p.liveWithOrNear),
    ],
  };
}

export function needsRoutes(app: FastifyInstance, { needs, header }: PeopleServices) {
  app.get('/people/:id/needs', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await needs.page(request.actor, id);
    return reply.view('people/views/needs.njk', {
      title: `Needs, wishes and risks: ${found.person.name}`,
      section: 'needs',
      backLink: '/people',
      ...found,
      needNames: found.needs.map((n) => n.name),
      preferences: found.preferences && preferenceWords(found.preferences),
      places: found.places.map((p) => ({ ...p, kindName: PLACE_KIND_NAMES[p.kind] })),
    });
  });

  const needsContext = (found: Awaited<ReturnType<typeof needs.needsForm>>, values: Values) => ({
    title: `Support needs, health and medication: ${found.person.name}`,
    person: found.person,
    backLink: `/people/${found.person.id}/needs`,
    categories: options(
      found.categories.map((c) => ({ value: c.id, text: c.retiredAt ? `${c.name} (no longer offered)` : c.name })),
      values.categoryIds,
    ),
    limits: maxLengths(needsForm),
  });

  app.get('/people/:id/needs/edit', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await needs.needsForm(request.actor, id);
    const values = { ...asValues(found.summary), categoryIds: found.needs.map((n) => n.id) };
    return reply.view('people/views/needs-edit.njk', { ...needsContext(found, values), values });
  });

  app.post('/people/:id/needs', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await needs.needsForm(request.actor, id);
    return submitForm(reply, {
      schema: needsForm,
      view: 'people/views/needs-edit.njk',
      context: needsContext(found, answers(request.body)),
      save: (form) => needs.saveNeeds(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}/needs`),
    });
  });

  const wishesContext = (person: PersonHeader, values: Values) => ({
    title: `What they want from a match: ${person.name}`,
    person,
    backLink: `/people/${person.id}/needs`,
    limits: maxLengths(preferencesForm),
    arrangements: [...options(ARRANGEMENT_NAMES, values.arrangement), { value: '', text: 'Not decided yet', checked: !values.arrangement }],
    household: Object.fromEntries(
      Object.entries(HOUSEHOLD_TOPICS).map(([topic, { question, answers: words }]) => [
        topic,
        {
          question,
          items: [...options(words, values[topic]), { value: '', text: 'Not asked yet', checked: !values[topic], selected: false }],
        },
      ]),
    ),
  });

  app.get('/people/:id/wishes', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const found = await needs.preferences(request.actor, id);
    const values = asValues(found.preferences, ['languages', 'interests']);
    return reply.view('people/views/wishes.njk', { ...wishesContext(found.person, values), values });
  });

  app.post('/people/:id/wishes', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: preferencesForm,
      view: 'people/views/wishes.njk',
      context: wishesContext(await header(request.actor, id), answers(request.body)),
      save: (form) => needs.savePreferences(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}/needs`),
    });
  });

  const riskContext = (person: PersonHeader, riskId?: string) => ({
    title: riskId ? `Change a risk: ${person.name}` : `Add a risk: ${person.name}`,
    person,
    riskId,
    backLink: `/people/${person.id}/needs`,
    limits: maxLengths(riskForm),
  });

  app.get('/people/:id/risks/new', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { person } = await needs.risk(request.actor, id);
    return reply.view('people/views/risk.njk', { ...riskContext(person), values: {} });
  });

  app.post('/people/:id/risks', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: riskForm,
      view: 'people/views/risk.njk',
      context: riskContext(await header(request.actor, id)),
      save: ({ ended: _, ...form }) => needs.addRisk(once(request), id, form),
      then: () => reply.redirect(`/people/${id}/needs`),
    });
  });

  app.get('/people/:id/risks/:riskId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, riskId } = ids(request.params, 'id', 'riskId');
    const { person, risk } = await needs.risk(request.actor, id, riskId);
    return reply.view('people/views/risk.njk', { ...riskContext(person, riskId), values: asValues(risk) });
  });

  app.post('/people/:id/risks/:riskId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, riskId } = ids(request.params, 'id', 'riskId');
    const { person } = await needs.risk(request.actor, id, riskId);
    return submitForm(reply, {
      schema: riskForm,
      view: 'people/views/risk.njk',
      context: riskContext(person, riskId),
      save: (form) => needs.updateRisk(request.actor, id, riskId, form),
      then: () => reply.redirect(`/people/${id}/needs`),
    });
  });

  const placeContext = (person: PersonHeader, values: Values, placeId?: string) => ({
    title: placeId ? `Change a place that matters: ${person.name}` : `Add a place that matters: ${person.name}`,
    person,
    placeId,
    backLink: `/people/${person.id}/needs#places`,
    kinds: options(PLACE_KIND_NAMES, values.kind),
  });

  app.get('/people/:id/places/new', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const { person } = await needs.place(request.actor, id);
    return reply.view('people/views/place.njk', { ...placeContext(person, {}), values: {} });
  });

  app.post('/people/:id/places', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const values = answers(request.body);
    return submitForm(reply, {
      schema: placeForm,
      view: 'people/views/place.njk',
      context: placeContext(await header(request.actor, id), values),
      save: ({ removed: _, ...form }) => needs.addPlace(request.actor, id, form),
      then: () => reply.redirect(`/people/${id}/needs#places`),
    });
  });

  app.get('/people/:id/places/:placeId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, placeId } = ids(request.params, 'id', 'placeId');
    const { person, place } = await needs.place(request.actor, id, placeId);
    const values = asValues(place);
    return reply.view('people/views/place.njk', { ...placeContext(person, values, placeId), values });
  });

  app.post('/people/:id/places/:placeId', { config: { access: 'people.manage' } }, async (request, reply) => {
    const { id, placeId } = ids(request.params, 'id', 'placeId');
    const { person } = await needs.place(request.actor, id, placeId);
    return submitForm(reply, {
      schema: placeForm,
      view: 'people/views/place.njk',
      context: placeContext(person, answers(request.body), placeId),
      save: (form) => needs.updatePlace(request.actor, id, placeId, form),
      then: () => reply.redirect(`/people/${id}/needs#places`),
    });
  });

  app.get('/people/settings/needs', { config: { access: 'people.settings' } }, async (request, reply) =>
    reply.view('people/views/settings-needs.njk', {
      title: 'Support needs this scheme records',
      backLink: '/people',
      categories: await needs.categories(request.actor),
      values: {},
    }),
  );

  app.post('/people/settings/needs', { config: { access: 'people.settings' } }, async (request, reply) =>
    submitForm(reply, {
      schema: categoryForm,
      view: 'people/views/settings-needs.njk',
      context: { title: 'Support needs this scheme records', backLink: '/people', categories: await needs.categories(request.actor) },
      save: ({ name }) => needs.addCategory(once(request), name),
      then: () => reply.redirect('/people/settings/needs'),
    }),
  );

  app.post('/people/settings/needs/:categoryId/retire', { config: { access: 'people.settings' } }, async (request, reply) => {
    const { categoryId } = ids(request.params, 'categoryId');
    await needs.retireCategory(request.actor, categoryId);
    return reply.redirect('/people/settings/needs');
  });
}
