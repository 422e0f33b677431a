import { readdirSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Every folder of src/ but the platform is a capability. */
const CAPABILITIES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'platform')
  .map((entry) => entry.name);

/** The order capabilities' tables rest on one another: a schema may use (for a foreign key) only those before it, so none import each other. */
const SCHEMA_ORDER = [
  'people',
  'carers',
  'panel',
  'matching',
  'arrangements',
  'notes',
  'incidents',
  'reviews',
  'support-plans',
  'short-breaks',
  'my-hearth',
];

const TESTS = ['**/*.test.ts', '**/testing.ts', 'src/platform/testing/**'];

/**
 * Services that still read another capability's tables, as counted when the rule came in (issue 13):
 * each should ask that capability's service instead. Take a file off the list once it does.
 */
const READS_OTHERS_TABLES = [
  'src/arrangements/access.ts',
  'src/arrangements/service.ts',
  'src/incidents/service.ts',
  'src/matching/service.ts',
  'src/my-hearth/service.ts',
  'src/notes/service.ts',
  'src/panel/service.ts',
  'src/reviews/due.ts',
  'src/reviews/service.ts',
  'src/short-breaks/access.ts',
  'src/short-breaks/bookings-service.ts',
  'src/short-breaks/calendar-service.ts',
  'src/support-plans/service.ts',
];

const anyOf = (names) => `(${names.join('|')})`;
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const platformImportsNoCapability = {
  files: ['src/platform/**/*.ts'],
  ignores: TESTS,
  rules: restrict([
    {
      regex: `^(\\.\\./)+${anyOf(CAPABILITIES)}/`,
      message:
        'The platform imports no capability: have the capability hand in what the platform needs (through the composition root, src/app.ts).',
    },
  ]),
};

/** A capability's code reaches another capability through its service, never its tables (schema) or its store. */
const capabilityKeepsOutOfOthersTables = (capability) => ({
  files: [`src/${capability}/**/*.ts`],
  ignores: [...TESTS, ...READS_OTHERS_TABLES, '**/schema.ts', '**/*-schema.ts'],
  rules: restrict([
    {
      regex: `^(\\.\\./)+${anyOf(CAPABILITIES.filter((other) => other !== capability))}/(.+/)?([a-z-]+-)?(schema|store)\\.js$`,
      message: 'Ask the other capability’s service; do not read its tables or store.',
    },
  ]),
});

/** A schema may reference the tables of capabilities before it in SCHEMA_ORDER, and nothing else of another capability's but its policy. */
const schemaUsesEarlierTables = (capability) => {
  const later = SCHEMA_ORDER.slice(SCHEMA_ORDER.indexOf(capability) + 1);
  return {
    files: [`src/${capability}/**/schema.ts`, `src/${capability}/**/*-schema.ts`],
    // carer_approvals rests on a panel case, and panel_cases on carers: the one pair that goes both ways, in a file of its own.
    ignores: ['src/carers/approval-schema.ts'],
    rules: restrict([
      ...(later.length
        ? [
            {
              regex: `^(\\.\\./)+${anyOf(later)}/(.+/)?([a-z-]+-)?schema\\.js$`,
              message: `${capability}'s tables come before these in SCHEMA_ORDER (eslint.config.js): reference them the other way round.`,
            },
          ]
        : []),
      {
        regex: `^(\\.\\./)+${anyOf(CAPABILITIES.filter((other) => other !== capability))}/(.+/)?([a-z-]+-)?store\\.js$`,
        message: 'A schema never imports a store.',
      },
    ]),
  };
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'drizzle', 'scratch', 'coverage', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  platformImportsNoCapability,
  // The demo loader fills every capability's tables on purpose.
  ...CAPABILITIES.filter((capability) => capability !== 'demo').map(capabilityKeepsOutOfOthersTables),
  ...SCHEMA_ORDER.map(schemaUsesEarlierTables),
  {
    // Tests read JSON answers and use asymmetric matchers (expect.any), which are typed `any` by design.
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
