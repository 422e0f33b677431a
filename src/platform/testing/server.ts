export const TEMPLATE_DATABASE = 'hearth_test_template';

/** Set to run the database tests against a PostgreSQL server instead of PGlite. */
export const testServerUrl = (): string | undefined => process.env.HEARTH_TEST_DATABASE_URL || undefined;

export function serverUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
