import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the same from src/platform (run from source by vitest or tsx) and from
 * dist/platform (compiled by `npm run build`). Templates, styles, pictures and migrations are read
 * from the project's own folders, so the build copies nothing but JavaScript.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the templates, styles and pictures beside the code are: always the source folder. */
export const srcDir = path.join(projectRoot, 'src');

export const govukDist = path.join(projectRoot, 'node_modules/govuk-frontend/dist');
