// Time comes from a clock passed in, so rules and tests never read the wall clock directly — nor wait on it: a wait
// (a re-check 30 s later) goes through the clock too, so that a test's fixed clock moves on instead of sleeping.
export interface Clock {
  now(): Date;
  /** Waits `ms` on this clock; without it, real time (see wait()). */
  sleep?(ms: number): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const systemClock: Clock = { now: () => new Date(), sleep: realSleep };

/** Waits `ms` on the clock: a fixed clock moves on at once, the system clock sleeps. */
export const wait = (clock: Clock, ms: number): Promise<void> => (clock.sleep ?? realSleep)(ms);

/** A clock tests can move by hand; its sleep() moves it on without waiting. */
export function fixedClock(start: string | Date): Clock & {
  advance(ms: number): void;
  set(d: string | Date): void;
  sleep(ms: number): Promise<void>;
} {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
    set(d) {
      current = new Date(d);
    },
    async sleep(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
