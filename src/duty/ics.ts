// The iCalendar (.ics) text of a duty feed, for calendar apps (ical-generator). Pure: events in, text out. Times are
// written in UTC, which every calendar app shows in its own zone (China has no daylight saving to get wrong).
import ical from 'ical-generator';

export interface FeedEvent {
  id: string; // stable across fetches: the app updates the event instead of adding a copy
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string;
  version: number; // SEQUENCE: bumped when the shift changed
}

export function buildIcs(name: string, events: readonly FeedEvent[], stamp: Date): string {
  const cal = ical({ name, prodId: { company: 'gongkai', product: 'duty', language: 'ZH' }, ttl: 60 * 60 });
  for (const e of events) {
    cal.createEvent({ id: `${e.id}@gongkai`, summary: e.summary, description: e.description, start: new Date(e.startsAt), end: new Date(e.endsAt),
      stamp, sequence: e.version });
  }
  return cal.toString();
}
