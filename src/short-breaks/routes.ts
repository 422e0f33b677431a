import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ids } from '../platform/forms/fields.js';
import { forbidden } from '../platform/errors/errors.js';
import { submitForm } from '../platform/forms/forms.js';
import { maxLengths } from '../platform/forms/limits.js';
import { once } from '../platform/forms/once.js';
import { todayInUk } from '../platform/dates.js';
import { options, selectOptions } from '../platform/forms/options.js';
import { availabilityRoutes } from './availability-routes.js';
import { calendarWeeks } from './calendar-view.js';
import { cancelForm, nightsForm, sessionForm } from './forms.js';
import { isMonth, monthName, monthOf, shiftMonth, WEEKDAYS, type Month } from './month.js';
import { bookingTitle, bookingWhen, viewerOf } from './present.js';
import type { ShortBreaksServices } from './service.js';
import { BOOKING_KINDS, KIND_NAMES, type BookingKind } from './words.js';
import { inScheme } from '../platform/http/types.js';

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.uuid().optional())
  .catch(undefined);

export const calendarQuery = z.object({
  month: z
    .string()
    .optional()
    .transform((v) => (isMonth(v) ? v : undefined))
    .catch(undefined),
  carer: optionalId,
  person: optionalId,
  whose: z.enum(['mine', 'all']).optional().catch(undefined),
});

const kindQuery = z.object({
  kind: z.enum(BOOKING_KINDS).catch('short_breaks').default('short_breaks'),
  carer: optionalId,
  person: optionalId,
});

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** A link to the calendar keeping its filters, leaving out empty ones. */
export const calendarHref = (params: {
  month?: string | undefined;
  carer?: string | undefined;
  person?: string | undefined;
  whose?: string | undefined;
}) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return query ? `/calendar?${query}` : '/calendar';
};

export function shortBreaksRoutes(app: FastifyInstance, services: ShortBreaksServices) {
  const { bookings, calendar } = services;

  app.get('/calendar', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const query = calendarQuery.parse(request.query ?? {});
    const month: Month = query.month ?? monthOf(todayInUk());
    // A worker sees their own caseload's bookings first, as on their list of arrangements; one carer or person shows all of theirs.
    const worker = request.actor.role === 'scheme_worker';
    const whose = worker && !query.carer && !query.person ? (query.whose ?? 'mine') : undefined;
    const found = await calendar.month(request.actor, {
      month,
      carerId: query.carer,
      personId: query.person,
      workerUserId: whose === 'mine' ? inScheme(request.actor).userId : undefined,
    });
    const viewer = viewerOf(request.actor.role);
    const filters = { carer: found.carerId, person: found.personId, whose: whose === 'all' ? 'all' : undefined };
    const booked = found.bookings.filter((b) => b.status === 'booked');
    return reply.view('short-breaks/views/calendar.njk', {
      title: `${viewer === 'person' ? 'Your short breaks' : 'Short breaks calendar'}: ${monthName(month)}`,
      viewer,
      month,
      monthName: monthName(month),
      weekdays: WEEKDAYS,
      weeks: calendarWeeks(month, found, viewer, todayInUk()),
      previous: { href: calendarHref({ month: shiftMonth(month, -1), ...filters }), labelText: monthName(shiftMonth(month, -1)) },
      next: { href: calendarHref({ month: shiftMonth(month, 1), ...filters }), labelText: monthName(shiftMonth(month, 1)) },
      plain: booked.map((b) => ({ when: bookingWhen(b), what: bookingTitle(b, viewer), href: `/calendar/bookings/${b.id}` })),
      cancelled: found.bookings
        .filter((b) => b.status === 'cancelled')
        .map((b) => ({ when: bookingWhen(b), what: bookingTitle(b, viewer), href: `/calendar/bookings/${b.id}` })),
      carers: selectOptions(
        'Every carer',
        found.carerOptions.map((c) => ({ value: c.id, text: c.name })),
        found.carerId,
      ),
      people: selectOptions(
        'Everyone',
        found.personOptions.map((p) => ({ value: p.id, text: p.name })),
        found.personId,
      ),
      whose: worker
        ? options(
            [
              { value: 'mine', text: 'Your caseload' },
              { value: 'all', text: 'Everyone' },
            ],
            whose ?? 'all',
          )
        : null,
      allowance: found.allowance,
      carerLinks: found.carerId ? `?carer=${found.carerId}` : found.ownCarerId ? '' : null,
      mayBook: found.mayBook,
      bookQuery: new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString(),
      manager: request.actor.role === 'scheme_manager',
    });
  });

  const formContext = async (request: FastifyRequest, kind: BookingKind, values: Record<string, unknown>) => {
    const choices = await bookings.choices(request.actor, kind);
    const rooms = Math.max(1, ...choices.carers.map((c) => c.rooms));
    const onlyPerson = request.actor.role === 'person' ? choices.people[0] : undefined;
    return {
      title: kind === 'short_breaks' ? 'Book a short break' : 'Book day support',
      kind,
      kindName: KIND_NAMES[kind],
      carers: selectOptions(
        'Choose a carer',
        choices.carers.map((c) => ({ value: c.id, text: c.rooms > 1 ? `${c.name} (${c.rooms} rooms)` : c.name })),
        values.carerId,
      ),
      people: selectOptions(
        'Choose a person',
        choices.people.map((p) => ({ value: p.id, text: p.name })),
        values.personId,
      ),
      onlyPerson,
      rooms:
        rooms > 1
          ? options(
              Array.from({ length: rooms }, (_, i) => ({ value: String(i + 1), text: `Room ${i + 1}` })),
              values.room ?? '1',
            )
          : null,
      noCarers: choices.carers.length === 0,
      limits: maxLengths(kind === 'short_breaks' ? nightsForm : sessionForm),
      backLink: '/calendar',
    };
  };

  app.get('/calendar/bookings/new', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const query = kindQuery.parse(request.query ?? {});
    const values = { carerId: query.carer, personId: query.person };
    return reply.view('short-breaks/views/booking-form.njk', { ...(await formContext(request, query.kind, values)), values });
  });

  app.post('/calendar/bookings', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const kind = kindQuery.parse({ kind: bodyOf(request).kind }).kind;
    return submitForm(reply, {
      schema: kind === 'short_breaks' ? nightsForm : sessionForm,
      view: 'short-breaks/views/booking-form.njk',
      context: await formContext(request, kind, bodyOf(request)),
      save: (form) => bookings.book(once(request), form),
      then: ({ id }) => reply.redirect(`/calendar/bookings/${id}?saved=booked`),
    });
  });

  const bookingContext = async (request: FastifyRequest, id: string) => {
    const { booking, mayCancel, ownHome } = await bookings.booking(request.actor, id);
    const viewer = viewerOf(request.actor.role);
    const month = booking.nights ? monthOf(booking.nights.from) : monthOf(todayInUk());
    return {
      title: bookingTitle(booking, viewer),
      booking,
      mayCancel,
      ownHome,
      viewer,
      when: bookingWhen(booking),
      kindName: KIND_NAMES[booking.kind],
      limits: maxLengths(cancelForm),
      backLink: calendarHref({ month }),
    };
  };

  app.get('/calendar/bookings/:id', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const saved = (request.query as { saved?: string }).saved;
    return reply.view('short-breaks/views/booking.njk', {
      ...(await bookingContext(request, id)),
      savedMessage:
        saved === 'booked' ? 'The booking has been made.' : saved === 'cancelled' ? 'The booking has been cancelled.' : undefined,
    });
  });

  app.post('/calendar/bookings/:id/cancel', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const context = await bookingContext(request, id);
    if (!context.mayCancel && context.booking.status === 'booked') throw forbidden();
    return submitForm(reply, {
      schema: cancelForm,
      view: 'short-breaks/views/booking.njk',
      context,
      save: ({ reason }) => bookings.cancel(request.actor, id, reason),
      then: () => reply.redirect(`/calendar/bookings/${id}?saved=cancelled`),
    });
  });

  availabilityRoutes(app, services);
}
