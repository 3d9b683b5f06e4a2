// Opens what a command needs from the configuration: the database (migrated), clock and logger.
import pino from 'pino';
import { systemClock } from '../platform/clock.ts';
import { type Config, loadConfig, sqlitePath } from '../platform/config.ts';
import { openDb } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { currentSchema } from '../platform/db/pg-schema.ts';
import type { Deps } from '../platform/deps.ts';
import { PORTS } from './ports.ts';

export interface Runtime {
  deps: Deps;
  migrated: string[];
  close(): Promise<void>;
}

export async function openRuntime(opts: { config?: Config; logLevel?: Config['logLevel'] } = {}): Promise<Runtime> {
  const config = opts.config ?? loadConfig();
  const log = pino({
    level: opts.logLevel ?? config.logLevel,
    // Cookies and credentials never reach the log.
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
    ],
  });
  const opened = openDb({ url: config.databaseUrl ?? sqlitePath(config) });
  const migrated = await migrateToLatest(
    opened.db,
    opened.engine === 'postgres' ? await currentSchema(opened.db) : undefined,
  );
  const deps: Deps = { db: opened.db, engine: opened.engine, clock: systemClock, config, log, ports: PORTS };
  return { deps, migrated, close: () => opened.close() };
}
