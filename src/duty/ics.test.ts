// The duty feed as a calendar app reads it (ical.js): shifts in Asia/Shanghai wall-clock time with TZID and the zone's
// VTIMEZONE, the same instants as the roster, and DTSTAMP in UTC — whatever zone the server runs in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { buildIcs, FEED_ZONE } from './ics.ts';

process.env.TZ = 'America/New_York'; // a server far from Shanghai, with daylight saving: nothing may depend on it

const night = {
  id: 's1',
  summary: '值班：夜班（区科技局）',
  description: '赵值班',
  version: 3,
  startsAt: '2026-10-01T09:30:00.000Z',
  endsAt: '2026-10-02T00:30:00.000Z',
}; // 10月1日 17:30 – 10月2日 08:30

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const zone of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

test('日历订阅：班次以北京时间（TZID=Asia/Shanghai）写出并附 VTIMEZONE，解析回来与值班表的时刻一致', () => {
  const { cal, events } = parse(buildIcs('区科技局值班', [night], new Date('2026-09-30T00:00:00.000Z')));
  const zones = cal.getAllSubcomponents('vtimezone');
  assert.deepEqual(
    zones.map((z) => z.getFirstPropertyValue('tzid')),
    [FEED_ZONE],
  );
  const standard = zones[0].getFirstSubcomponent('standard');
  assert.equal(String(standard?.getFirstPropertyValue('tzoffsetto')), '+08:00');

  const [e] = events;
  for (const prop of ['dtstart', 'dtend'])
    assert.equal(e.component.getFirstProperty(prop)?.getParameter('tzid'), FEED_ZONE);
  assert.deepEqual([e.startDate.day, e.startDate.hour, e.startDate.minute], [1, 17, 30]);
  assert.deepEqual([e.endDate.day, e.endDate.hour, e.endDate.minute], [2, 8, 30]);
  assert.equal(e.startDate.toJSDate().toISOString(), night.startsAt);
  assert.equal(e.endDate.toJSDate().toISOString(), night.endsAt);
  assert.equal(e.component.getFirstPropertyValue('dtstamp')?.toString(), '2026-09-30T00:00:00Z');
  assert.equal(e.sequence, 3);
});

test('日历订阅：没有班次时是一份合法的空日历', () => {
  const { events } = parse(buildIcs('区科技局值班', [], new Date('2026-09-30T00:00:00.000Z')));
  assert.deepEqual(events, []);
});
