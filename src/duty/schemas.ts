// The 读网值班 API's request and response shapes (zod), which also feed the OpenAPI document. They bound sizes and
// types; the business checks — and the zh-CN 400s naming the field — are in model.ts and the use cases.
import { z } from 'zod';
import { DAY_KINDS, LIMITS, SPECIAL_KINDS } from './model.ts';
import { FINDING_CODES } from './roster-check.ts';

const Id = z.string().trim().min(1).max(64);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const instant = z.string().max(40);
const text = (max: number) => z.string().max(max * 2);

export const IdParams = z.object({ id: Id });
export const UnitParams = z.object({ unitId: Id });
export const UserParams = z.object({ userId: Id });
export const FeedParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, '订阅地址不正确') });
export const UnitQuery = z.object({ unitId: Id });
export const RangeQuery = z.object({ unitId: Id, from: date, to: date });
export const OptionalUnitQuery = z.object({ unitId: Id.optional() });
export const VersionQuery = z.object({ version: z.coerce.number().int().positive() });
export const Ok = z.object({ ok: z.boolean() });

export const Person = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() });
const Readings = z.object({
  working: z.int().min(0).max(24),
  rest: z.int().min(0).max(24),
  holiday: z.int().min(0).max(24),
});

export const SettingsBody = z.object({ minRestMinutes: z.int(), remindMinutes: z.int(), readings: Readings });
export const TemplateBody = z.object({
  name: text(LIMITS.name),
  start: z.string().max(5),
  end: z.string().max(5),
  dayKinds: z.array(z.enum(DAY_KINDS)).max(3),
  leaderRequired: z.boolean().optional(),
  hard: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const TemplatePatch = TemplateBody.partial();
export const TemplateDto = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  dayKinds: z.array(z.enum(DAY_KINDS)),
  leaderRequired: z.boolean(),
  hard: z.boolean(),
  active: z.boolean(),
  sort: z.number(),
});
export const SetupDto = z.object({
  unitId: z.string(),
  unitName: z.string(),
  mustCover: z.boolean(),
  settings: z.object({ unitId: z.string(), minRestMinutes: z.number(), remindMinutes: z.number(), readings: Readings }),
  templates: z.array(TemplateDto),
  pool: z.object({ officers: z.array(Person), leaders: z.array(Person) }),
  abilities: z.object({ canManage: z.boolean() }),
});
export const PhoneBody = z.object({ phone: z.string().max(60) });
export const PhoneDto = z.object({ userId: z.string(), phone: z.string() });

export const SpecialDayBody = z.object({
  unitId: Id.nullable(),
  day: z.string().max(20),
  kind: z.enum(SPECIAL_KINDS),
  name: text(50),
});
export const SpecialDayDto = z.object({
  id: z.string(),
  unitId: z.string().nullable(),
  day: z.string(),
  kind: z.enum(SPECIAL_KINDS),
  name: z.string(),
});
/** 含起止两天: `from` is the first day and `to` the last one, both included (unlike the other ranges, README). */
export const UnavailabilityBody = z.object({
  unitId: Id,
  userId: Id,
  from: z.string().max(20),
  to: z.string().max(20),
  reason: text(LIMITS.reason),
});
export const UnavailabilityDto = z.object({
  id: z.string(),
  unitId: z.string(),
  userId: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
});
export const SpecialDayListDto = z.object({
  days: z.array(SpecialDayDto.extend({ district: z.boolean(), canRemove: z.boolean() })),
  abilities: z.object({ canMark: z.boolean(), canMarkDistrict: z.boolean() }),
});
export const UnavailabilityListDto = z.array(UnavailabilityDto.extend({ name: z.string(), canRemove: z.boolean() }));

const DayDto = z.object({
  date: z.string(),
  weekday: z.string(),
  dayKind: z.enum(DAY_KINDS),
  makeup: z.boolean(),
  holiday: z.string().nullable(),
  provisional: z.boolean().describe('暂定：该年节假日安排尚未导入，按周一至周五排班'),
  specials: z.array(z.object({ id: z.string(), kind: z.enum(SPECIAL_KINDS), name: z.string(), district: z.boolean() })),
});
export const ShiftDto = z.object({
  id: z.string(),
  rosterId: z.string(),
  unitId: z.string(),
  templateId: z.string().nullable(),
  name: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  start: z.string(),
  end: z.string(),
  hard: z.boolean(),
  leaderReasons: z.array(z.string()),
  leader: Person.nullable(),
  officers: z.array(Person),
  version: z.number(),
});
const RosterDto = z.object({
  id: z.string(),
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(['draft', 'published']),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export const FindingDto = z.object({
  code: z.enum(FINDING_CODES),
  message: z.string(),
  shiftIds: z.array(z.string()),
  userId: z.string().nullable(),
});
export const ImportQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  createTemplates: z.enum(['0', '1']).optional(),
});

export const ImportPreviewDto = z.object({
  version: z.number(),
  changes: z.array(
    z.object({ kind: z.enum(['added', 'removed', 'changed']), day: z.string(), shift: z.string(), text: z.string() }),
  ),
  newTemplates: z.array(z.object({ name: z.string(), start: time, end: time, dayKinds: z.array(z.enum(DAY_KINDS)) })),
  phones: z.array(z.object({ name: z.string(), phone: z.string() })),
});

export const RosterDetailDto = z.object({
  roster: RosterDto.extend({ unitName: z.string() }),
  days: z.array(DayDto),
  shifts: z.array(ShiftDto),
  findings: z.array(FindingDto),
  counts: z.array(
    z.object({
      person: Person,
      hard: z.number(),
      normal: z.number(),
      leader: z.number(),
      minutes: z.number(),
      nights: z.number(),
      offDays: z.number(),
    }),
  ),
  abilities: z.object({ canEdit: z.boolean(), canPublish: z.boolean(), canDiscard: z.boolean() }),
});
export const RosterListDto = z.array(RosterDto.extend({ shiftCount: z.number() }));
export const CalendarDto = z.object({
  unitId: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(DayDto),
  rosters: z.array(RosterDto),
  shifts: z.array(ShiftDto),
  unavailability: z.array(UnavailabilityDto.extend({ name: z.string() })),
  emergencies: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startsAt: z.string(),
      until: z.string().nullable(),
      state: z.string(),
      district: z.boolean(),
    }),
  ),
});

const People = z.array(Id).max(LIMITS.people);
export const RosterBody = z.object({
  unitId: Id,
  from: date,
  to: date,
  generate: z.object({ officerIds: z.array(Id).max(100), leaderIds: z.array(Id).max(100).default([]) }).optional(),
});
export const PublishBody = z.object({ version: z.int().positive() });
const shiftFields = {
  day: z.string().max(20).optional(),
  templateId: Id.nullable().optional(),
  name: text(LIMITS.name).optional(),
  start: time.optional(),
  end: time.optional(),
  hard: z.boolean().optional(),
  leaderId: Id.nullable().optional(),
  officerIds: People.optional(),
};
export const ShiftBody = z.object(shiftFields);
export const ShiftPatch = z.object({ version: z.int().positive(), ...shiftFields });

const OnDutyPerson = Person.extend({ checkedIn: z.boolean() });
export const NowDto = z.object({
  at: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      at: z.string(),
      officers: z.array(Person),
      leaders: z.array(Person),
      reinforcements: z.array(Person),
      emergencies: z.array(z.object({ id: z.string(), title: z.string(), district: z.boolean() })),
      shifts: z.array(
        z.object({
          shiftId: z.string(),
          name: z.string(),
          startsAt: z.string(),
          endsAt: z.string(),
          officers: z.array(OnDutyPerson),
          leader: OnDutyPerson.nullable(),
          awaiting: z.array(z.object({ changeId: z.string(), leaving: Person, replacement: Person })),
        }),
      ),
    }),
  ),
});

export const ChangeDto = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['swap', 'leave']),
  shiftId: z.string(),
  counterShiftId: z.string().nullable(),
  leavingId: z.string(),
  replacementId: z.string(),
  reason: z.string(),
  state: z.enum(['requested', 'approved', 'rejected', 'completed']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export const ShiftRecordDto = z.object({
  shiftId: z.string(),
  unitId: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  people: z.array(Person.extend({ role: z.enum(['officer', 'leader', 'replacement']) })),
  attendance: z.array(
    z.object({
      id: z.string(),
      shiftId: z.string(),
      userId: z.string(),
      name: z.string(),
      checkedInAt: z.string(),
      checkedOutAt: z.string().nullable(),
      handoverNote: z.string().nullable(),
    }),
  ),
  changes: z.array(ChangeDto),
  previousHandover: z.array(
    z.object({ shiftId: z.string(), name: z.string(), by: z.string(), at: z.string(), note: z.string() }),
  ),
});
export const CheckOutBody = z.object({ handoverNote: text(LIMITS.text).default('') });
export const HandoverListDto = z.array(
  z.object({
    shiftId: z.string(),
    shiftName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    person: Person,
    checkedInAt: z.string(),
    checkedOutAt: z.string(),
    note: z.string(),
  }),
);
export const ChangeBody = z.object({
  kind: z.enum(['swap', 'leave']),
  shiftId: Id,
  leavingId: Id.optional(),
  replacementId: Id.optional(),
  counterShiftId: Id.nullable().optional(),
  reason: text(LIMITS.reason).default(''),
});
export const ChangeQuery = z.object({
  unitId: Id.optional(),
  state: z.enum(['requested', 'approved', 'rejected', 'completed']).optional(),
});
export const ChangeListDto = z.object({ changes: z.array(ChangeDto.extend({ canDecide: z.boolean() })) });
export const DecisionBody = z.object({ note: text(LIMITS.reason).optional() });

export const NoticeBody = z.object({
  unitId: Id,
  receivedAt: instant.optional(),
  fromWhom: text(100),
  content: text(LIMITS.text),
  toldUserIds: z.array(Id).max(50).default([]),
  toldOthers: text(200).default(''),
});
export const NoticeDto = z.object({
  id: z.string(),
  unitId: z.string(),
  receivedAt: z.string(),
  fromWhom: z.string(),
  content: z.string(),
  toldUserIds: z.array(z.string()),
  toldOthers: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  createdAt: z.string(),
  told: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const ReadingBody = z.object({
  unitId: Id,
  readAt: instant.optional(),
  pages: z.array(text(LIMITS.page)).max(LIMITS.pages * 2),
  anomalies: text(LIMITS.text).default(''),
});
export const ReadingDto = z.object({
  id: z.string(),
  unitId: z.string(),
  userId: z.string(),
  name: z.string(),
  readAt: z.string(),
  pages: z.array(z.string()),
  anomalies: z.string(),
  createdAt: z.string(),
});
const ReadingDay = z.object({
  date: z.string(),
  dayKind: z.enum(DAY_KINDS),
  required: z.number(),
  recorded: z.number(),
  missing: z.number(),
  inProgress: z.boolean(),
});
export const ReadingReportDto = z.object({
  unitId: z.string(),
  rounds: z.array(ReadingDto),
  days: z.array(ReadingDay),
  missingDays: z.array(ReadingDay),
});

export const EmergencyBody = z.object({
  unitId: Id.nullable(),
  title: text(100),
  description: text(LIMITS.text).default(''),
  until: instant.nullable().optional(),
  leaders: z
    .array(z.object({ unitId: Id.optional(), userId: Id }))
    .max(100)
    .default([]),
  extraUserIds: z.array(Id).max(100).default([]),
  overrideReason: text(LIMITS.text).default(''),
});
export const EmergencyQuery = z.object({ unitId: Id.optional(), open: z.enum(['1', '0']).optional() });
export const CloseBody = z.object({ summary: text(LIMITS.text).default('') });
export const EmergencyDto = z.object({
  id: z.string(),
  unitId: z.string().nullable(),
  district: z.boolean(),
  unitName: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  until: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  declaredBy: z.string(),
  declaredByName: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  summary: z.string().nullable(),
  overrideReason: z.string().nullable(),
  findings: z.array(z.object({ code: z.string(), message: z.string(), userId: z.string().nullable() })),
  leaders: z.array(Person.extend({ unitId: z.string() })),
  extras: z.array(Person),
  abilities: z.object({ canClose: z.boolean() }),
});

export const EmergencyBoardDto = z.object({
  emergencies: z.array(EmergencyDto),
  abilities: z.object({
    declareUnitIds: z.array(z.string()),
    declareDistrict: z.boolean(),
    pools: z.array(
      z.object({ unitId: z.string(), unitName: z.string(), leaders: z.array(Person), officers: z.array(Person) }),
    ),
  }),
});
export const FeedBody = z.object({ kind: z.enum(['user', 'unit']), unitId: Id.optional() });
export const FeedDto = z.object({
  id: z.string(),
  kind: z.enum(['user', 'unit']),
  ownerId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const NewFeedDto = FeedDto.extend({ token: z.string(), path: z.string() });
