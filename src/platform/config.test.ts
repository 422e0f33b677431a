import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'hearth-config-'));

describe('configuration', () => {
  it('runs embedded with nothing set, keeping one session secret in the data folder', () => {
    const dir = tempDir();
    const first = loadConfig({ HEARTH_DATA_DIR: dir });
    expect(first.port).toBe(3000);
    expect(first.database).toEqual({ dataDir: path.join(dir, 'pg') });
    expect(first.sessionSecret).toHaveLength(64);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8')).toBe(first.sessionSecret);
    expect(loadConfig({ HEARTH_DATA_DIR: dir }).sessionSecret).toBe(first.sessionSecret);
  });

  it('counts failed sign-ins per account and per address, 5 and 100 unless set', () => {
    expect(loadConfig({ HEARTH_DATA_DIR: tempDir() }).signInLimits).toEqual({ perAccount: 5, perAddress: 100 });
    const set = loadConfig({
      HEARTH_DATA_DIR: tempDir(),
      HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT: '8',
      HEARTH_SIGN_IN_FAILURES_PER_ADDRESS: '500',
    });
    expect(set.signInLimits).toEqual({ perAccount: 8, perAddress: 500 });
  });

  it('asks an online postcode lookup only when one is set, waiting two seconds unless told otherwise', () => {
    const dir = tempDir();
    expect(loadConfig({ HEARTH_DATA_DIR: dir }).postcodeLookup).toBeNull();
    expect(loadConfig({ HEARTH_DATA_DIR: dir, HEARTH_POSTCODE_LOOKUP_URL: 'https://api.postcodes.io' }).postcodeLookup).toEqual({
      url: 'https://api.postcodes.io',
      timeoutMs: 2000,
    });
    expect(
      loadConfig({ HEARTH_DATA_DIR: dir, HEARTH_POSTCODE_LOOKUP_URL: 'http://10.0.0.5:8000/', HEARTH_POSTCODE_LOOKUP_TIMEOUT_MS: '800' })
        .postcodeLookup,
    ).toEqual({ url: 'http://10.0.0.5:8000/', timeoutMs: 800 });
    expect(() => loadConfig({ HEARTH_DATA_DIR: dir, HEARTH_POSTCODE_LOOKUP_URL: 'api.postcodes.io' })).toThrow(
      /Setting HEARTH_POSTCODE_LOOKUP_URL must be the address of a postcodes.io-compatible service/,
    );
    expect(() => loadConfig({ HEARTH_DATA_DIR: dir, HEARTH_POSTCODE_LOOKUP_TIMEOUT_MS: '60000' })).toThrow(
      /HEARTH_POSTCODE_LOOKUP_TIMEOUT_MS must be 10000 milliseconds or fewer/,
    );
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, and then needs a session secret', () => {
    const dir = tempDir();
    expect(() => loadConfig({ DATABASE_URL: 'postgres://h@localhost/hearth', HEARTH_DATA_DIR: dir })).toThrow(
      /HEARTH_SESSION_SECRET is missing/,
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://h@localhost/hearth',
      HEARTH_SESSION_SECRET: 's'.repeat(40),
      HEARTH_DATA_DIR: dir,
    });
    expect(config.database).toEqual({ url: 'postgres://h@localhost/hearth', appUrl: undefined });
    expect(existsSync(path.join(dir, 'session-secret'))).toBe(false);
  });

  it('keeps email in the outbox with no SMTP settings, and sends with them', () => {
    const dir = tempDir();
    expect(loadConfig({ HEARTH_DATA_DIR: dir }).mail).toBeNull();
    const byUrl = loadConfig({
      HEARTH_DATA_DIR: dir,
      HEARTH_SMTP_URL: 'smtps://u:p@mail.example.org',
      HEARTH_SMTP_FROM: 'hearth@example.org',
      HEARTH_BASE_URL: 'https://hearth.example.org/',
    });
    expect(byUrl.mail).toEqual({ transport: 'smtps://u:p@mail.example.org', from: 'hearth@example.org' });
    expect(byUrl.baseUrl).toBe('https://hearth.example.org');
    const byHost = loadConfig({
      HEARTH_DATA_DIR: dir,
      HEARTH_SMTP_HOST: 'mail.example.org',
      HEARTH_SMTP_PORT: '465',
      HEARTH_SMTP_USER: 'u',
      HEARTH_SMTP_PASS: 'p',
      HEARTH_SMTP_FROM: 'hearth@example.org',
      HEARTH_BASE_URL: 'https://hearth.example.org',
    });
    expect(byHost.mail?.transport).toEqual({ host: 'mail.example.org', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
  });

  it.each([
    [{ HEARTH_SMTP_URL: 'http://mail.example.org' }, /^Setting HEARTH_SMTP_URL must start with smtp:\/\//],
    [{ HEARTH_SMTP_HOST: 'mail.example.org', HEARTH_BASE_URL: 'https://h.example.org' }, /^Setting HEARTH_SMTP_FROM is missing/],
    [{ HEARTH_SMTP_HOST: 'mail.example.org', HEARTH_SMTP_FROM: 'h@example.org' }, /^Setting HEARTH_BASE_URL is missing/],
    [{ HEARTH_SMTP_FROM: 'h@example.org' }, /^Setting HEARTH_SMTP_HOST \(or HEARTH_SMTP_URL\) is missing/],
    [
      {
        HEARTH_SMTP_HOST: 'm.example.org',
        HEARTH_SMTP_USER: 'u',
        HEARTH_SMTP_FROM: 'h@example.org',
        HEARTH_BASE_URL: 'https://h.example.org',
      },
      /HEARTH_SMTP_USER and HEARTH_SMTP_PASS go together/,
    ],
    [{ HEARTH_BASE_URL: 'hearth.example.org' }, /^Setting HEARTH_BASE_URL must be the address people use/],
  ])('stops with one clear line for a mail setting that cannot work: %o', (env, message) => {
    expect(() => loadConfig({ HEARTH_DATA_DIR: tempDir(), ...env })).toThrow(message);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Setting PORT must be a whole number/],
    [{ PORT: '70000' }, /^Setting PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Setting DATABASE_URL must start with postgres:\/\//],
    [{ HEARTH_DEMO_PASSWORD: 'short' }, /^Setting HEARTH_DEMO_PASSWORD must be at least 8 characters/],
    [{ LOG_LEVEL: 'loud' }, /^Setting LOG_LEVEL must be one of/],
    [{ HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT: '0' }, /^Setting HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT must be a whole number, 1 or more/],
    [{ HEARTH_SIGN_IN_FAILURES_PER_ADDRESS: 'lots' }, /^Setting HEARTH_SIGN_IN_FAILURES_PER_ADDRESS must be a whole number/],
  ])('stops with one clear line for a bad setting: %o', (env, message) => {
    let error: unknown;
    try {
      loadConfig({ HEARTH_DATA_DIR: tempDir(), ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
