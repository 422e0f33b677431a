import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * Hearth's symbols: its own names for OpenMoji 17 pictures (CC BY-SA 4.0, credited on /accessibility).
 * `alt` is the text alternative when a symbol stands alone; beside words that say the same thing
 * the symbol is decorative (alt="") so a screen reader does not say everything twice.
 */
export const SYMBOLS = {
  // Places and the person's own Hearth
  home: { hexcode: '1F3E0', alt: 'A house' },
  'house-with-garden': { hexcode: '1F3E1', alt: 'A house with a garden' },
  plan: { hexcode: '1F4CB', alt: 'A clipboard with a list' },
  review: { hexcode: '1F4DD', alt: 'A page with a pencil' },
  calendar: { hexcode: '1F4C5', alt: 'A calendar' },
  time: { hexcode: '23F0', alt: 'A clock' },
  overnight: { hexcode: '1F6CF', alt: 'A bed' },
  day: { hexcode: '2600', alt: 'The sun' },
  // Feelings
  feelings: { hexcode: '1F642', alt: 'A smiling face' },
  'feelings-happy': { hexcode: '1F600', alt: 'A happy face' },
  'feelings-ok': { hexcode: '1F610', alt: 'A face that feels OK' },
  'feelings-sad': { hexcode: '1F641', alt: 'A sad face' },
  'feelings-worried': { hexcode: '1F61F', alt: 'A worried face' },
  'feelings-angry': { hexcode: '1F620', alt: 'An angry face' },
  'feelings-tired': { hexcode: '1F634', alt: 'A sleepy face' },
  'feelings-upset': { hexcode: '1F622', alt: 'A crying face' },
  // People
  person: { hexcode: '1F9D1', alt: 'A person' },
  people: { hexcode: '1F465', alt: 'Two people' },
  carer: { hexcode: '1F9D1-200D-1F91D-200D-1F9D1', alt: 'Two people holding hands' },
  worker: { hexcode: '1F9D1-200D-1F4BC', alt: 'A worker' },
  family: { hexcode: '1F46A', alt: 'A family' },
  meet: { hexcode: '1F91D', alt: 'Shaking hands' },
  tea: { hexcode: '2615', alt: 'A hot drink' },
  dog: { hexcode: '1F415', alt: 'A dog' },
  cat: { hexcode: '1F408', alt: 'A cat' },
  // Saying things
  help: { hexcode: '1F64B', alt: 'A person with a hand up' },
  'help-now': { hexcode: '1F198', alt: 'SOS' },
  worry: { hexcode: '1F61F', alt: 'A worried face' },
  complaint: { hexcode: '1F4E2', alt: 'A loudspeaker' },
  say: { hexcode: '1F4AC', alt: 'A speech bubble' },
  type: { hexcode: '2328', alt: 'A keyboard' },
  change: { hexcode: '270F', alt: 'A pencil' },
  like: { hexcode: '1F44D', alt: 'Thumbs up' },
  love: { hexcode: '2764', alt: 'A red heart' },
  yes: { hexcode: '2705', alt: 'A green tick' },
  no: { hexcode: '274C', alt: 'A red cross' },
  maybe: { hexcode: '1F914', alt: 'A thinking face' },
  // Looking, listening and reading
  eye: { hexcode: '1F441', alt: 'An eye' },
  speaker: { hexcode: '1F50A', alt: 'A speaker' },
  pause: { hexcode: '23F8', alt: 'Pause' },
  stop: { hexcode: '23F9', alt: 'Stop' },
  read: { hexcode: '1F4D6', alt: 'An open book' },
  'bigger-text': { hexcode: '1F50E', alt: 'A magnifying glass' },
  important: { hexcode: '2B50', alt: 'A star' },
  information: { hexcode: '2139', alt: 'The letter i' },
  // Getting in touch and getting about
  phone: { hexcode: '1F4DE', alt: 'A telephone' },
  email: { hexcode: '1F4E7', alt: 'An email' },
  key: { hexcode: '1F511', alt: 'A key' },
  lock: { hexcode: '1F512', alt: 'A padlock' },
  settings: { hexcode: '2699', alt: 'A cog' },
  next: { hexcode: '27A1', alt: 'An arrow to the right' },
  back: { hexcode: '2B05', alt: 'An arrow to the left' },
  medicine: { hexcode: '1F48A', alt: 'A pill' },
  food: { hexcode: '1F37D', alt: 'A plate with a knife and fork' },
  car: { hexcode: '1F697', alt: 'A car' },
  bus: { hexcode: '1F68C', alt: 'A bus' },
  money: { hexcode: '1F4B7', alt: 'A banknote' },
  // A carer's home
  'no-smoking': { hexcode: '1F6AD', alt: 'No smoking' },
  smoking: { hexcode: '1F6AC', alt: 'A cigarette' },
  'step-free': { hexcode: '267F', alt: 'A wheelchair' },
  bath: { hexcode: '1F6C1', alt: 'A bath' },
} as const satisfies Record<string, { hexcode: string; alt: string }>;

export type SymbolName = keyof typeof SYMBOLS;

export const isSymbolName = (name: unknown): name is SymbolName => typeof name === 'string' && Object.hasOwn(SYMBOLS, name);

const openmojiDir = path.dirname(createRequire(import.meta.url).resolve('openmoji/package.json'));
export const symbolFile = (name: SymbolName) => path.join(openmojiDir, 'color/svg', `${SYMBOLS[name].hexcode}.svg`);

interface LoadedSymbol {
  svg: Buffer;
  version: string;
}

let loaded: Map<SymbolName, LoadedSymbol> | undefined;

/** Every mapped picture, read once; the version is a hash of the file, so a changed picture gets a new address. */
function symbols(): Map<SymbolName, LoadedSymbol> {
  loaded ??= new Map(
    (Object.keys(SYMBOLS) as SymbolName[]).map((name) => {
      const svg = readFileSync(symbolFile(name));
      return [name, { svg, version: createHash('sha256').update(svg).digest('hex').slice(0, 10) }];
    }),
  );
  return loaded;
}

/** What a page needs to show a symbol: its address and its text alternative. Unknown names fail loudly. */
export function symbol(name: string): { src: string; alt: string } {
  if (!isSymbolName(name)) throw new Error(`No symbol called "${name}": add it to SYMBOLS in src/platform/easy-read/symbols.ts`);
  return { src: `/symbols/${name}.svg?v=${symbols().get(name)!.version}`, alt: SYMBOLS[name].alt };
}

const YEAR = 365 * 24 * 3600;
const FILE = /^([a-z][a-z-]{0,40})\.svg$/;

/** /symbols/<name>.svg: only the mapped pictures, never a path into the file system. */
export function symbolRoutes(app: FastifyInstance) {
  const all = symbols();
  app.get('/symbols/:file', { config: { access: 'public', assets: true } }, async (request, reply) => {
    const name = FILE.exec((request.params as { file: string }).file)?.[1];
    const found = isSymbolName(name) ? all.get(name) : undefined;
    if (!found) return reply.callNotFound();
    return reply
      .type('image/svg+xml')
      .header('cache-control', `public, max-age=${YEAR}, immutable`)
      .header('x-content-type-options', 'nosniff')
      .send(found.svg);
  });
}
