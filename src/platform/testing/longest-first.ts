import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files known to take longest start first, so that none of them is left running alone at the
 * end while the other workers stand idle. Vitest orders files by how long they took last time, but
 * a fresh clone (CI) has no such record and it falls back to file size: a five-line file that walks
 * a hundred pages would start last. Later runs on the same machine use Vitest's own record.
 */
const LONGEST = [
  // Browser tests: each walk-*.test.ts is one or two demo sign-ins walking every page.
  'tests/browser/walk-manager.test.ts',
  'tests/browser/walk-worker.test.ts',
  'tests/browser/walk.test.ts',
  'tests/browser/walk-carer.test.ts',
  'tests/browser/my-hearth.test.ts',
  // Unit and database tests: a child process, every route as every role, the demo at scale.
  'src/main.test.ts',
  'src/platform/permissions/matrix.test.ts',
  'src/demo/carers.test.ts',
  'src/demo/generate.test.ts',
];

const rank = (file: TestSpecification) => {
  const i = LONGEST.findIndex((name) => file.moduleId.endsWith(name));
  return i < 0 ? LONGEST.length : i;
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // A stable sort: the rest keep Vitest's order.
    return sorted
      .map((file, i) => ({ file, i }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}
