import type { PostcodeSource } from './schema.js';

/** Where a postcode's location came from, as a manager reads it. */
export const POSTCODE_SOURCE_NAMES: Record<PostcodeSource, string> = {
  ons: 'ONS Postcode Directory',
  code_point: 'OS Code-Point Open',
  online: 'Online lookup',
  demo: 'Demo records',
};
