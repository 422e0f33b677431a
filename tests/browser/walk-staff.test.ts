import { DEMO_SIGN_INS } from '../../src/demo/generate.js';
import { STAFF_WALKS, walkEveryPage } from './walk-every-page.js';

// The other sign-ins walk in walk.test.ts, with the checks that are not a walk.
walkEveryPage(DEMO_SIGN_INS.filter((who) => STAFF_WALKS.includes(who.role)));
