// The dependencies src/app builds once at start and passes down: the database, the clock, configuration, the logger,
// and the ports a lower module declares and a higher one implements.
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/types.ts';
import type { Engine } from './db/index.ts';

/**
 * What a lower module needs from a module above it (a port), declared by the lower module and filled in by src/app:
 * each module adds its field by declaration merging (`declare module '../platform/deps.ts'`, as Fastify's decorators
 * do), so platform names none of them. Today: secrecy's `chain` (src/secrecy/chain.ts ChainReader, publish implements).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules' declaration merging
export interface Ports {}

export interface Deps {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Optional so that a tool needing only the database builds Deps without them; src/app always sets them. */
  ports?: Partial<Ports>;
}
