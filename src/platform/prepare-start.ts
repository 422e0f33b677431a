import { makeMigratedSnapshot } from './db/snapshot.js';
import { stylesheet } from './layout/styles.js';

/**
 * Run by `npm run build`: what a start would otherwise make for itself, made once ahead of it.
 * Each is kept until what it is made from changes, so this is quick when there is nothing to do.
 */
await stylesheet();
await makeMigratedSnapshot();
