import { walkersFor, walkEveryPage } from './walk-every-page.js';

// One of the longest walks, in a file of its own so that it runs beside the others (walk-every-page.ts).
walkEveryPage(walkersFor('carer'));
