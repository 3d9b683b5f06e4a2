// The iCalendar (.ics) text of a duty feed, for calendar apps (ical-generator). Pure: events in, text out. Times are
// written as Asia/Shanghai wall-clock times with TZID and the zone's VTIMEZONE (RFC 5545 §3.6.5), so an app shows a
// night shift as 17:30–08:30 in the zone it was rostered in rather than converting it from UTC.
import ical from 'ical-generator';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const FEED_ZONE = 'Asia/Shanghai';

/** China Standard Time: UTC+8 all year, no daylight saving since 1991, so one STANDARD rule covers every shift. */
const SHANGHAI_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${FEED_ZONE}`,
  `X-LIC-LOCATION:${FEED_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const vtimezone = (zone: string): string | null => (zone === FEED_ZONE ? SHANGHAI_VTIMEZONE : null);

export interface FeedEvent {
  id: string; // stable across fetches: the app updates the event instead of adding a copy
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string;
  version: number; // SEQUENCE: bumped when the shift changed
}

export function buildIcs(name: string, events: readonly FeedEvent[], stamp: Date): string {
  // The zone is named on each event, not on the calendar: ical-generator would then write DTSTAMP in it too, and
  // RFC 5545 §3.8.7.2 wants DTSTAMP in UTC. The generator still adds the VTIMEZONE the events name.
  const cal = ical({
    name,
    prodId: { company: 'gongkai', product: 'duty', language: 'ZH' },
    ttl: 60 * 60,
    timezone: { name: null, generator: vtimezone },
  });
  for (const e of events) {
    cal.createEvent({
      id: `${e.id}@gongkai`,
      summary: e.summary,
      description: e.description,
      timezone: FEED_ZONE,
      start: dayjs.utc(e.startsAt),
      end: dayjs.utc(e.endsAt),
      stamp,
      sequence: e.version,
    });
  }
  return cal.toString();
}
