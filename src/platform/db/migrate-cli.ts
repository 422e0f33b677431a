import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './database.js';

try {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  await db.migrate();
  await db.close();
  console.log(`Migrations applied (${'url' in config.database ? 'PostgreSQL server' : 'embedded PostgreSQL'}).`);
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Migrations failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
