import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';

/**
 * Opens the same database the server uses: DATABASE_URL, or the embedded PostgreSQL
 * of PRACHUM_DATA_DIR (joining a running server's instance, or starting one for the command).
 */
export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const database = await openDatabase(config, logger);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}
