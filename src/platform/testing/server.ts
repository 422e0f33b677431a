export const TEMPLATE_DATABASE = 'hearth_test_template';

/** A login with no rights of its own but hearth_app's: how the tests reach a server, as production should. */
export const APP_LOGIN = 'hearth_test_app';

/** Set to run the database tests against a PostgreSQL server instead of PGlite. */
export const testServerUrl = (): string | undefined => process.env.HEARTH_TEST_DATABASE_URL || undefined;

export function serverUrlFor(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = '';
  }
  return parsed.toString();
}
