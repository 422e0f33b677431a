import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYMBOLS, isSymbolName, symbol, symbolFile, type SymbolName } from './symbols.js';

describe('the symbol table', () => {
  const names = Object.keys(SYMBOLS) as SymbolName[];

  it('maps every name to an OpenMoji picture that is installed, with a text alternative', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) {
      expect(existsSync(symbolFile(name)), `${name}: ${symbolFile(name)}`).toBe(true);
      expect(readFileSync(symbolFile(name), 'utf8'), name).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(SYMBOLS[name].alt.trim(), name).not.toBe('');
    }
  });

  it('has names that fit the address pattern, and no pictures with scripts', () => {
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z-]{0,40}$/);
      expect(readFileSync(symbolFile(name), 'utf8')).not.toMatch(/<script|on\w+=|href=/i);
    }
  });

  it('gives an address that changes with the picture, and refuses unknown names', () => {
    expect(symbol('dog')).toEqual({ src: expect.stringMatching(/^\/symbols\/dog\.svg\?v=[0-9a-f]{10}$/), alt: 'A dog' });
    expect(symbol('dog').src).not.toBe(symbol('cat').src);
    expect(() => symbol('unicorn')).toThrow(/No symbol called "unicorn"/);
    expect(isSymbolName('toString')).toBe(false);
  });
});
