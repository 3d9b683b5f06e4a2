// A timer that fires at each due time of a job (model.ts nextDue). Runs missed while the process was asleep are
// not made up: after a late wake-up the next one is the next due after now. The timer never keeps the process alive.
import { type Due, type JobSpec, nextDue } from './model.ts';

/** setTimeout's longest delay; a later due time is reached in several waits. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface Trigger {
  stop(): void;
  next(): Due | null;
}

/** `now` is this node's wall clock (a test gives one node a clock that is behind). */
export function startTrigger(job: JobSpec, fire: (due: Due) => void, now: () => number = Date.now): Trigger {
  let timer: NodeJS.Timeout | null = null;
  let due: Due | null = null;
  let stopped = false;
  const arm = (afterMs: number) => {
    if (stopped) return;
    due = nextDue(job, afterMs);
    const wait = due.at - now();
    timer = setTimeout(
      () => {
        const reached = due!;
        if (now() < reached.at) return arm(afterMs); // a long wait cut into parts
        fire(reached);
        arm(Math.max(reached.at, now()));
      },
      Math.min(Math.max(wait, 0), MAX_DELAY_MS),
    );
    timer.unref();
  };
  arm(now());
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      due = null;
    },
    next: () => due,
  };
}
