// The dependencies src/app builds once at start and passes down: the database, the clock, configuration, the logger.
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/types.ts';
import type { Engine } from './db/index.ts';

export interface Deps {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
  log: Logger;
}
