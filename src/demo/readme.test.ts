import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './generate.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README’s demo instructions', () => {
  it('name only sign-ins the demo has, each in a scheme', () => {
    const demo = generateDemo({ scale: 'small', seed: 2026 });
    const named = [...new Set(README.match(/[a-z0-9.-]+@[a-z]+\.hearth\.example/g))];
    expect(named.length).toBeGreaterThan(10);
    for (const email of named) {
      const user = demo.users.find((u) => u.email === email);
      expect(user, email).toBeDefined();
      expect(
        demo.memberships.some((m) => m.userId === user!.id),
        email,
      ).toBe(true);
    }
  });

  it('never send the reader to sign in as someone without saying who', () => {
    expect(README).not.toMatch(/sign in\s+as the (person|carer) in/i);
  });
});
