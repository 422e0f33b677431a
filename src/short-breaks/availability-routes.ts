import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ids } from '../platform/forms/fields.js';
import { submitForm } from '../platform/forms/forms.js';
import { once } from '../platform/forms/once.js';
import { todayInUk } from '../platform/dates.js';
import { options } from '../platform/forms/options.js';
import { nightsOf } from './allowance.js';
import { allowanceForm, availableHoursForm, availableNightsForm, breakForm, settingsForm } from './forms.js';
import { bookingWhen, longDay, plural } from './present.js';
import type { ShortBreaksServices } from './service.js';
import { BOOKING_KINDS, DEFAULT_RESPITE_NIGHTS } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';

const carerQuery = z.object({ carer: z.uuid().optional().catch(undefined) });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });
const fileParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });

const carerOf = (request: FastifyRequest) => carerQuery.parse(request.query ?? {}).carer;
/** Keeps "?carer=…" on staff's links and forms; a carer's own pages need none. */
const forCarer = (request: FastifyRequest, carerId: string) => (isStaff(request.actor) ? `?carer=${carerId}` : '');

/** Availability, carers' own breaks and allowance, the scheme's settings, and the private calendar link. */
export function availabilityRoutes(app: FastifyInstance, { availability, calendar }: ShortBreaksServices) {
  const availabilityContext = async (request: FastifyRequest) => {
    const found = await availability.availability(request.actor, carerOf(request));
    const suffix = forCarer(request, found.carer.id);
    return {
      title: `Availability: ${found.carer.name}`,
      carer: found.carer,
      suffix,
      own: !isStaff(request.actor),
      offersNights: found.kinds.includes('short_breaks'),
      offersDays: found.kinds.includes('day_support'),
      rows: found.rows.map((r) => ({ ...r, when: bookingWhen(r), what: r.kind === 'short_breaks' ? 'Short breaks' : 'Day support' })),
      backLink: `/calendar${suffix}`,
    };
  };

  app.get('/calendar/availability', { config: { access: 'availability.manage' } }, async (request, reply) =>
    reply.view('short-breaks/views/availability.njk', {
      ...(await availabilityContext(request)),
      saved: (request.query as { saved?: string }).saved === '1',
    }),
  );

  app.post('/calendar/availability', { config: { access: 'availability.manage' } }, async (request, reply) => {
    const kind = z
      .enum(BOOKING_KINDS)
      .catch('short_breaks')
      .parse((request.body as { kind?: unknown } | undefined)?.kind);
    const context = await availabilityContext(request);
    const then = () => reply.redirect(`/calendar/availability${context.suffix ? `${context.suffix}&` : '?'}saved=1`);
    const view = 'short-breaks/views/availability.njk';
    if (kind === 'short_breaks') {
      return submitForm(reply, {
        schema: availableNightsForm,
        view,
        context: { ...context, sent: kind },
        save: (form) => availability.publish(once(request), context.carer.id, { kind, nights: form.nights }),
        then,
      });
    }
    return submitForm(reply, {
      schema: availableHoursForm,
      view,
      context: { ...context, sent: kind },
      save: (form) => availability.publish(once(request), context.carer.id, { kind, hours: form.hours }),
      then,
    });
  });

  app.post('/calendar/availability/:id/remove', { config: { access: 'availability.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const carer = await availability.remove(request.actor, carerOf(request), id);
    return reply.redirect(`/calendar/availability${forCarer(request, carer.id)}`);
  });

  const breaksContext = async (request: FastifyRequest) => {
    const year = yearQuery.parse(request.query ?? {}).year ?? Number(todayInUk().slice(0, 4));
    const found = await availability.respite(request.actor, carerOf(request), year);
    const suffix = forCarer(request, found.carer.id);
    const link = (y: number) => `/calendar/breaks${suffix ? `${suffix}&` : '?'}year=${y}`;
    return {
      title: `Breaks: ${found.carer.name}`,
      carer: found.carer,
      suffix,
      year,
      summary: found.summary,
      own: !isStaff(request.actor),
      staff: isStaff(request.actor),
      breaks: found.breaks.map((b) => ({
        id: b.id,
        note: b.note,
        when: `${longDay(b.nights.from)} to ${longDay(b.nights.to)}`,
        nights: plural(nightsOf(b.nights), 'night'),
      })),
      allowanceValue: found.own === null ? '' : String(found.own),
      previous: { href: link(year - 1), labelText: String(year - 1) },
      next: { href: link(year + 1), labelText: String(year + 1) },
      backLink: `/calendar${suffix}`,
    };
  };

  app.get('/calendar/breaks', { config: { access: 'availability.manage' } }, async (request, reply) => {
    const context = await breaksContext(request);
    return reply.view('short-breaks/views/breaks.njk', {
      ...context,
      values: { nights: context.allowanceValue },
      saved: (request.query as { saved?: string }).saved === '1',
    });
  });

  app.post('/calendar/breaks', { config: { access: 'availability.manage' } }, async (request, reply) => {
    const context = await breaksContext(request);
    return submitForm(reply, {
      schema: breakForm,
      view: 'short-breaks/views/breaks.njk',
      context: { ...context, sent: 'break' },
      save: (form) => availability.addBreak(once(request), context.carer.id, form),
      then: () => reply.redirect(`/calendar/breaks${context.suffix ? `${context.suffix}&` : '?'}saved=1`),
    });
  });

  app.post('/calendar/breaks/:id/remove', { config: { access: 'availability.manage' } }, async (request, reply) => {
    const { id } = ids(request.params, 'id');
    const carer = await availability.removeBreak(request.actor, carerOf(request), id);
    return reply.redirect(`/calendar/breaks${forCarer(request, carer.id)}`);
  });

  app.post('/calendar/breaks/allowance', { config: { access: 'bookings.manage' } }, async (request, reply) => {
    const context = await breaksContext(request);
    return submitForm(reply, {
      schema: allowanceForm,
      view: 'short-breaks/views/breaks.njk',
      context: { ...context, sent: 'allowance' },
      save: (form) => availability.setAllowance(request.actor, context.carer.id, form.nights),
      then: () => reply.redirect(`/calendar/breaks${context.suffix}&saved=1`),
    });
  });

  const settingsContext = (values: Record<string, unknown>) => ({
    title: 'Short breaks settings',
    backLink: '/calendar',
    mayBook: options({ yes: 'Yes, they may book and cancel', no: 'No, only staff book' }, values.peopleMayBook),
  });

  app.get('/calendar/settings', { config: { access: 'bookings.settings' } }, async (request, reply) => {
    const settings = await availability.settings(request.actor);
    const values = { peopleMayBook: settings.peopleMayBook ? 'yes' : 'no', respiteNights: String(settings.respiteNights) };
    return reply.view('short-breaks/views/settings.njk', {
      ...settingsContext(values),
      values,
      defaultNights: DEFAULT_RESPITE_NIGHTS,
      saved: (request.query as { saved?: string }).saved === '1',
    });
  });

  app.post('/calendar/settings', { config: { access: 'bookings.settings' } }, async (request, reply) =>
    submitForm(reply, {
      schema: settingsForm,
      view: 'short-breaks/views/settings.njk',
      context: { ...settingsContext((request.body ?? {}) as Record<string, unknown>), defaultNights: DEFAULT_RESPITE_NIGHTS },
      save: (form) => availability.saveSettings(request.actor, form),
      then: () => reply.redirect('/calendar/settings?saved=1'),
    }),
  );

  app.get('/calendar/link', { config: { access: 'arrangements.view' } }, async (request, reply) =>
    reply.view('short-breaks/views/link.njk', {
      title: 'Your calendar link',
      feed: await calendar.feed(request.actor),
      backLink: '/calendar',
    }),
  );

  app.post('/calendar/link', { config: { access: 'arrangements.view' } }, async (request, reply) => {
    const token = await calendar.renewFeed(request.actor);
    const base = `${request.protocol}://${request.host}`;
    return reply.view('short-breaks/views/link.njk', {
      title: 'Your calendar link',
      feed: await calendar.feed(request.actor),
      link: `${base}/calendar/feed/${token}.ics`,
      backLink: '/calendar',
    });
  });

  app.get('/calendar/feed/:file', { config: { access: 'public' } }, async (request, reply) => {
    const parsed = fileParams.safeParse(request.params);
    const ics = parsed.success ? await calendar.ics(parsed.data.file.slice(0, -4)) : null;
    if (ics === null)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('This calendar link is not valid. Make a new one in Hearth.');
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(ics);
  });
}
