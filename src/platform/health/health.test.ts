import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/app.js';

describe('/health', () => {
  it('reports the database as reachable, then unavailable once it is closed', async () => {
    const { app, db } = await testApp();
    const up = await app.inject('/health');
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: 'ok', database: { kind: db.kind, reachable: true } });
    await db.close();
    const down = await app.inject('/health');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
    await app.close();
  });
});
