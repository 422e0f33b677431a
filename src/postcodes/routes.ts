import type { FastifyInstance } from 'fastify';
import { formErrors } from '../platform/forms/forms.js';
import { uploadedFiles } from '../platform/http/uploads.js';
import { openPostcodeFile, SKIP_REASONS } from './files.js';
import type { FileOutcome, PostcodesService } from './service.js';
import { POSTCODE_SOURCE_NAMES } from './words.js';

/** Where the page is, and its name in the Settings list. */
export const POSTCODES_SETTING = { href: '/settings/postcodes', text: 'Postcodes' } as const;

const VIEW = 'postcodes/views/settings.njk';
const context = { title: 'Postcodes', backLink: '/' };
/** A whole national file, and Code-Point Open's 120 files at once. */
const UPLOAD = { upload: 'disk', multipartOptions: { limits: { fileSize: 4 * 1024 ** 3, files: 200 } } } as const;

const count = (n: number) => n.toLocaleString('en-GB');

/** One loaded file as the page tells it: what was loaded, and which rows were left out and why. */
function fileLines(file: FileOutcome) {
  if ('refused' in file) return { name: file.name, refused: file.refused };
  return {
    name: file.name,
    layout: POSTCODE_SOURCE_NAMES[file.layout],
    loaded: count(file.loaded),
    rows: count(file.rows),
    skipped: Object.entries(file.skippedFor).map(([reason, n]) => `${count(n)} ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS]}`),
    examples: file.examples.map((e) => `line ${count(e.line)}: ${SKIP_REASONS[e.reason]}`),
  };
}

/** A manager's page for the national postcode files: what Hearth knows, and loading a file. */
export function postcodesRoutes(app: FastifyInstance, postcodes: PostcodesService) {
  const access = 'postcodes.settings' as const;

  const showSummary = async (actor: Parameters<PostcodesService['summary']>[0]) => {
    const { total, sources } = await postcodes.summary(actor);
    return {
      total: count(total),
      sources: sources.map((s) => ({ name: POSTCODE_SOURCE_NAMES[s.source], count: count(s.count), latest: s.latest })),
    };
  };

  app.get(POSTCODES_SETTING.href, { config: { access } }, async (request, reply) =>
    reply.view(VIEW, { ...context, ...(await showSummary(request.actor)) }),
  );

  app.post(POSTCODES_SETTING.href, { config: { access, ...UPLOAD } }, async (request, reply) => {
    const files = uploadedFiles(request.body, 'files');
    if (!files.length) {
      return reply.code(400).view(VIEW, {
        ...context,
        ...(await showSummary(request.actor)),
        errors: formErrors([{ path: ['files'], message: 'Choose a postcode file (CSV) to load' }]),
      });
    }
    const result = await postcodes.load(
      request.actor,
      files.map((f) => ({ name: f.filename, open: () => openPostcodeFile(f.path) })),
    );
    const loaded = result.files.filter((f) => !('refused' in f));
    return reply.code(loaded.length ? 200 : 400).view(VIEW, {
      ...context,
      ...(await showSummary(request.actor)),
      result: { files: result.files.map(fileLines), placed: count(result.placed) },
      ...(loaded.length ? {} : { errors: formErrors([{ path: ['files'], message: (result.files[0] as { refused: string }).refused }]) }),
    });
  });
}
