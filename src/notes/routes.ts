import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordContext } from '../arrangements/present.js';
import { answers, submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { todayInUk } from '../platform/dates.js';
import { dateValues } from '../platform/forms/date-input.js';
import { ids } from '../platform/forms/fields.js';
import { options, type Values } from '../platform/forms/options.js';
import { cursorOf, cursorValue, dealtWithForm, listQuery, moodItems, newQuery, noteForm } from './forms.js';
import { notesSavedMessage, showNote } from './present.js';
import type { NotesService } from './service.js';
import type { ArrangementsService } from '../arrangements/service.js';
import { inScheme } from '../platform/http/types.js';
import { isStaff } from '../platform/permissions/staff.js';

const saved = (request: FastifyRequest) => (request.query as { saved?: string }).saved;

/** Links to the older and newer pages of a keyset list, keeping its filters. */
function keysetLinks(
  path: string,
  query: Record<string, string | undefined>,
  page: { older: { writtenOn: string; id: string } | null; newer: { writtenOn: string; id: string } | null },
) {
  const href = (key: 'older' | 'newer', note: { writtenOn: string; id: string }) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    params.set(key, cursorValue(note));
    return `${path}?${params.toString()}`;
  };
  return page.older || page.newer
    ? {
        previous: page.newer ? { href: href('newer', page.newer), labelText: 'Newer notes' } : undefined,
        next: page.older ? { href: href('older', page.older), labelText: 'Older notes' } : undefined,
      }
    : null;
}

/** Writing a daily note, reading notes per arrangement and across the caseload, and dealing with flagged ones. */
export function notesRoutes(app: FastifyInstance, notes: NotesService, arrangements: ArrangementsService) {
  app.get('/notes', { config: { access: 'notes.view' } }, async (request, reply) => {
    const actor = request.actor;
    const query = listQuery.parse(request.query ?? {});
    const staff = isStaff(actor);
    const worker = staff ? (query.worker === 'all' ? undefined : (query.worker ?? inScheme(actor).userId)) : undefined;
    const page = await notes.caseload(actor, {
      worker,
      flagged: query.flagged === 'yes',
      from: query.from,
      to: query.to,
      cursor: cursorOf(query),
    });
    const workers = staff ? await arrangements.workers(actor) : [];
    const today = await notes.today(actor);
    const filters = { worker: query.worker, flagged: query.flagged, from: query.from, to: query.to };
    return reply.view('notes/views/list.njk', {
      title: staff ? 'Daily notes' : 'Your daily notes',
      staff,
      query,
      today,
      rows: page.notes.map((n) => showNote(n, { self: false, name: n.personName, plain: false })),
      paging: keysetLinks('/notes', filters, page),
      workers: [
        { value: 'all', text: 'Everyone' },
        ...workers.map((w) => ({ value: w.id, text: w.id === actor.userId ? `${w.name} (you)` : w.name })),
      ].map((w) => ({ ...w, selected: w.value === (query.worker ?? actor.userId) })),
    });
  });

  const newContext = async (request: FastifyRequest, values: Values) => {
    const choices = await notes.choices(
      request.actor,
      typeof values.arrangementId === 'string' && values.arrangementId ? values.arrangementId : undefined,
    );
    const one = choices.length === 1 ? choices[0]! : null;
    return {
      title: one ? `Today’s note about ${one.personName}` : 'Write today’s note',
      one,
      choices: options(
        choices.map((c) => ({ value: c.id, text: c.personName })),
        values.arrangementId,
      ),
      moods: moodItems(values.mood),
      limits: maxLengths(noteForm),
      backLink: one && isStaff(request.actor) ? `/arrangements/${one.id}/notes` : '/',
    };
  };

  app.get('/notes/new', { config: { access: 'notes.write' } }, async (request, reply) => {
    const { arrangement } = newQuery.parse(request.query ?? {});
    const values: Values = { ...dateValues('writtenOn', todayInUk()), arrangementId: arrangement };
    const context = await newContext(request, values);
    if (context.one) values.arrangementId = context.one.id;
    return reply.view('notes/views/new.njk', { ...context, values });
  });

  app.post('/notes', { config: { access: 'notes.write' } }, async (request, reply) => {
    const values = answers(request.body);
    return submitForm(reply, {
      schema: noteForm,
      view: 'notes/views/new.njk',
      context: await newContext(request, values),
      save: (form) => notes.write(once(request), form),
      then: (r) => reply.redirect(`/arrangements/${r.arrangementId}/notes?saved=${r.flagged ? 'flagged' : 'note'}`),
    });
  });

  const noteContext = async (request: FastifyRequest, id: string) => {
    const found = await notes.note(request.actor, id);
    return {
      ...recordContext(found, request.actor, 'notes'),
      title: `Daily note of ${found.note.writtenOn}`,
      note: showNote(found.note, { self: false, name: found.person.name, plain: false }),
      canDeal: isStaff(request.actor) && found.note.flagged && !found.note.dealtAt,
      limits: maxLengths(dealtWithForm),
      backLink: isStaff(request.actor) && found.note.flagged ? '/attention' : `/arrangements/${found.arrangement.id}/notes`,
    };
  };

  app.get('/notes/:id', { config: { access: 'notes.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return reply.view('notes/views/note.njk', { ...(await noteContext(request, id)), values: {} });
  });

  app.post('/notes/:id/dealt-with', { config: { access: 'attention.use' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    return submitForm(reply, {
      schema: dealtWithForm,
      view: 'notes/views/note.njk',
      context: await noteContext(request, id),
      save: (form) => notes.dealtWith(request.actor, id, form.whatWasDone),
      then: () => reply.redirect('/attention?saved=dealt'),
    });
  });

  app.get('/arrangements/:id/notes', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const query = listQuery.pick({ older: true, newer: true }).parse(request.query ?? {});
    const found = await notes.forArrangement(request.actor, id, cursorOf(query));
    const context = recordContext(found, request.actor, 'notes', saved(request));
    const plain = !context.words.staff && request.actor.role !== 'carer';
    return reply.view('notes/views/arrangement.njk', {
      ...context,
      savedMessage: notesSavedMessage(saved(request)),
      plain,
      shared: found.shared,
      rows: found.notes.map((n) => showNote(n, { self: context.words.self, name: found.person.name, plain })),
      paging: keysetLinks(`/arrangements/${id}/notes`, {}, found),
      canWrite: (context.words.staff || request.actor.role === 'carer') && found.arrangement.status !== 'ended',
      canSeeIncidents: context.words.staff || request.actor.role === 'carer',
    });
  });
}
