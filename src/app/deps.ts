// Built once at start and passed down: the database, the clock, configuration and the logger.
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/types.ts';
import type { Engine } from '../platform/db/index.ts';

export interface Deps {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
  log: Logger;
}
