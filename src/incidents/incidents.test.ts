import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPerson } from '../people/testing.js';
import type { Database } from '../platform/db/database.js';
import { testApp, Visitor } from '../platform/testing/app.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import { anApprovedCarer, anArrangement } from '../arrangements/testing.js';
import { addDays, todayInUk } from '../platform/dates.js';
import { incidents } from './schema.js';

const [year, month, day] = todayInUk().split('-') as [string, string, string];
const dateParts = (name: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year });

describe('incidents and safeguarding, through the pages', () => {
  let app: FastifyInstance;
  let db: Database;
  let close: () => Promise<void>;
  const v: Record<'manager' | 'worker' | 'otherWorker' | 'carer' | 'otherCarer' | 'person', Visitor> = {} as never;
  const users: Record<string, { id: string; email: string }> = {};
  let arrangementId = '';

  beforeAll(async () => {
    ({ app, db, close } = await testApp());
    const schemeId = (await aScheme(db)).id;
    const roles = {
      manager: 'scheme_manager',
      worker: 'scheme_worker',
      otherWorker: 'scheme_worker',
      carer: 'carer',
      otherCarer: 'carer',
      person: 'person',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      users[key] = await aUser(db, { role, schemeId });
      v[key] = new Visitor(app);
      await v[key].signIn(users[key].email);
    }
    const carer = await anApprovedCarer(db, { schemeId, userId: users.carer!.id, name: 'Ben Carer' });
    await anApprovedCarer(db, { schemeId, userId: users.otherCarer!.id });
    const person = await aPerson(db, { schemeId, status: 'supported', userId: users.person!.id, name: 'Ana Example' });
    arrangementId = (
      await anArrangement(db, { schemeId, personId: person.id, carerId: carer.id, workerUserId: users.worker!.id, startsOn: '2026-01-01' })
    ).id;
    const later = await aPerson(db, { schemeId, status: 'introductions', name: 'Lou Later' });
    await anArrangement(db, { schemeId, personId: later.id, carerId: carer.id, status: 'starting', startsOn: addDays(todayInUk(), 30) });
  });
  afterAll(async () => close());

  const report = (overrides: Record<string, string | string[]> = {}) => ({
    arrangementId,
    kind: 'incident',
    ...dateParts('occurredOn'),
    occurredTime: '14:30',
    place: 'In the park',
    whatHappened: 'A stranger took her phone',
    whoInvolved: 'Ana and two police officers',
    immediateAction: 'Brought her home and rang the police',
    severity: 'serious',
    categories: ['police'],
    ...overrides,
  });
  let incidentId = '';

  it('keeps the answers when the record is incomplete', async () => {
    await v.carer.get(`/incidents/new?arrangement=${arrangementId}`);
    const wrong = await v.carer.post('/incidents', report({ place: '', severity: '', occurredTime: '25:00' }));
    expect(wrong.statusCode).toBe(400);
    for (const message of ['Say where it happened', 'Choose how serious it is', 'Enter the time like 14:30'])
      expect(wrong.body).toContain(message);
    expect(wrong.body).toContain('A stranger took her phone');
    expect(await db.owner.select().from(incidents)).toEqual([]);
  });

  it('sends a serious incident straight to the worker’s and the manager’s attention, and prompts to notify CQC', async () => {
    const saved = await v.carer.post('/incidents', report());
    expect(saved.statusCode).toBe(302);
    incidentId = /\/incidents\/([0-9a-f-]{36})/.exec(saved.headers.location as string)![1]!;
    const page = await v.carer.get(saved.headers.location as string);
    expect(page.body).toContain('CQC must be notified of this');
    expect(page.body).toContain('investigated by the police');
    expect(page.body).not.toContain('Record the notification</button>');

    for (const staff of [v.worker, v.manager]) {
      const list = await staff.get('/attention');
      expect(list.body).toContain('Serious incident');
      expect(list.body).toContain('Notify CQC');
    }
    // Another worker's own list leaves out someone else's caseload; everyone's shows it.
    expect((await v.otherWorker.get('/attention')).body).not.toContain('Notify CQC');
    expect((await v.otherWorker.get('/attention?everyone=yes')).body).toContain('Notify CQC');
    expect((await v.worker.get('/due')).body).toContain('notify CQC');
  });

  it('keeps the incident from the person and other carers', async () => {
    expect((await v.person.get(`/incidents/${incidentId}`)).statusCode).toBe(403);
    expect((await v.otherCarer.get(`/incidents/${incidentId}`)).statusCode).toBe(404);
    expect((await v.otherCarer.get('/incidents')).body).toContain('No incidents or concerns match');
    expect((await v.carer.get('/incidents')).body).toContain('In the park');
  });

  it('will not close until the notification is recorded; recording it removes the prompt', async () => {
    await v.worker.get(`/incidents/${incidentId}`);
    const early = await v.worker.post(`/incidents/${incidentId}/close`, { outcome: 'Phone replaced' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Record how CQC was notified before closing it');

    const notified = await v.worker.post(`/incidents/${incidentId}/notification`, {
      ...dateParts('notifiedOn'),
      notifiedHow: 'online',
      reference: 'CQC-123456',
    });
    expect(notified.statusCode).toBe(302);
    const page = await v.worker.get(`/incidents/${incidentId}`);
    expect(page.body).toContain('reference CQC-123456');
    expect(page.body).not.toContain('CQC must be notified of this');
    expect((await v.worker.get('/due')).body).not.toContain('notify CQC');
    const attention = await v.manager.get('/attention');
    expect(attention.body).not.toContain('Notify CQC');
    expect(attention.body).toContain('Serious incident');

    await v.carer.get(`/incidents/${incidentId}`);
    expect((await v.carer.post(`/incidents/${incidentId}/follow-ups`, { note: 'Ana has a new phone' })).statusCode).toBe(302);
    await v.worker.get(`/incidents/${incidentId}`);
    expect((await v.worker.post(`/incidents/${incidentId}/close`, { outcome: 'Phone replaced; police closed the case' })).statusCode).toBe(
      302,
    );
    const closed = await v.worker.get(`/incidents/${incidentId}`);
    expect(closed.body).toContain('Ana has a new phone');
    expect(closed.body).toContain('Phone replaced; police closed the case');
    expect((await v.manager.get('/attention')).body).not.toContain('Serious incident');
  });

  it('sends every safeguarding concern to attention, and suggests checking the categories', async () => {
    await v.worker.get(`/incidents/new?arrangement=${arrangementId}`);
    const saved = await v.worker.post('/incidents', report({ kind: 'safeguarding', severity: 'medium', categories: [] }));
    expect(saved.statusCode).toBe(302);
    const page = await v.worker.get(saved.headers.location as string);
    expect(page.body).toContain('A safeguarding concern is often an allegation of abuse or neglect');
    expect((await v.manager.get('/attention')).body).toContain('Safeguarding concern');
  });

  it('lets a worker starting from the list choose whose arrangement it happened in, then record it', async () => {
    const list = await v.otherWorker.get('/incidents');
    const start = /href="(\/incidents\/new)"/.exec(list.body)?.[1];
    expect(start).toBe('/incidents/new');
    const choose = await v.otherWorker.get(start!);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('Who is it about?');
    expect(choose.body).toMatch(
      /Ana Example<span class="govuk-visually-hidden"> with Ben Carer<\/span><\/a>\s*<\/td>\s*<td class="govuk-table__cell">Ben Carer/,
    );
    expect(choose.body).toContain('Starts on');
    const form = await v.otherWorker.get(`/incidents/new?arrangement=${arrangementId}`);
    expect(form.body).toContain('Record an incident or concern: Ana Example');
    const saved = await v.otherWorker.post('/incidents', report({ place: 'At the bowling alley' }));
    expect(saved.statusCode).toBe(302);
    expect((await v.otherWorker.get(saved.headers.location as string)).body).toContain('At the bowling alley');
  });
});
