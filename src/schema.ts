/** Every table of Hearth, for Drizzle and its migrations. Each capability adds its own schema file here. */
export * from './platform/db/schema.js';
export * from './people/schema.js';
export * from './carers/schema.js';
export * from './carers/approval-schema.js';
export * from './carers/checks/schema.js';
export * from './panel/schema.js';
export * from './matching/schema.js';
export * from './short-breaks/schema.js';
export * from './platform/easy-read/schema.js';
export * from './platform/auth/schema.js';
export * from './platform/mail/schema.js';
export * from './arrangements/schema.js';
export * from './my-hearth/schema.js';
export * from './support-plans/schema.js';
export * from './notes/schema.js';
export * from './incidents/schema.js';
export * from './reviews/schema.js';
