import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeMigratedSnapshot } from './db/snapshot.js';
import { stylesheet } from './layout/styles.js';
import { projectRoot } from './paths.js';

/**
 * Run by `npm run build`: what a start would otherwise make for itself, made once ahead of it.
 * Each is kept until what it is made from changes, so this is quick when there is nothing to do.
 */
await stylesheet();
await makeMigratedSnapshot();
// The build's last step: scripts/build-when-changed.js builds again only when a source is newer than this.
writeFileSync(path.join(projectRoot, 'dist/.built'), `${new Date().toISOString()}\n`);
