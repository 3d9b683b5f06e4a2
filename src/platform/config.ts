// Configuration comes from the environment, is validated once, and is summarised in one log line.
import path from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(1).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头')
    .optional(),
  dataDir: z.string().min(1).default('./data'),
  demo: z.enum(['0', '1']).default('1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessionHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Failed logins (src/org/login-throttle.ts): free failures per (account, address) before delays start, the longest
  // delay, and login attempts per address per minute. An account is never locked.
  maxLoginFailures: z.coerce.number().int().min(1).max(100).default(5),
  loginMaxDelayMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  loginRatePerMinute: z.coerce.number().int().min(1).max(10_000).default(60),
  maxUploadMb: z.coerce.number().min(0.1).max(200).default(20),
  secureCookies: z.enum(['0', '1']).default('0'),
  trustProxy: z.enum(['0', '1']).default('0'),
  // E-mail (src/platform/notify): without a host, mails wait in the outbox until one is configured.
  smtpHost: z.string().min(1).optional(),
  smtpPort: z.coerce.number().int().min(1).max(65535).default(587),
  smtpSecure: z.enum(['0', '1']).default('0'), // 1: TLS from the first byte (port 465); 0: STARTTLS when offered
  smtpUser: z.string().min(1).optional(),
  smtpPass: z.string().min(1).optional(),
  mailFrom: z.string().min(3).default('gongkai <no-reply@gongkai.local>'),
  // 读网值班 (src/watch): 1 lets robot webhooks and monitored sites be on loopback and private addresses — for an
  // intranet deployment and tests; by default both are refused there (SSRF).
  watchAllowPrivate: z.enum(['0', '1']).default('0'),
  // Seconds between homepage probes: 300 gives 288 a day (the inspection asks for at least 20).
  // 登记台账 (src/platform/ledger): the Ed25519 key that signs checkpoints, and the append-only checkpoint file — both
  // outside the database. Defaults: <dataDir>/keys/ledger-ed25519.pem and <dataDir>/checkpoints.jsonl.
  ledgerKeyFile: z.string().min(1).optional(),
  checkpointsFile: z.string().min(1).optional(),
  watchProbeSeconds: z.coerce
    .number()
    .int()
    .min(1, '首页探测间隔至少 1 秒')
    .max(4320, '首页探测间隔不能超过 4320 秒（每天至少探测 20 次）')
    .default(300),
  // The address people open gongkai at: links in notices, e-mails and robot messages are absolute.
  publicUrl: z.url('GONGKAI_PUBLIC_URL 应为 http(s) 网址').default('http://localhost:8080'),
  // A failed homepage probe opens an incident only after this many more failed checks, this many seconds apart.
  watchConfirmChecks: z.coerce.number().int().min(0).max(10, '复核次数不能超过 10').default(2),
  watchConfirmSeconds: z.coerce.number().int().min(0).max(300, '复核间隔不能超过 300 秒').default(30),
  // An availability incident failing again within this many minutes of its recovery is the same incident (抖动);
  // its 恢复 notice waits as long.
  watchFlapMinutes: z.coerce.number().int().min(0).max(1440).default(15),
  // Requests in flight to one host while crawling and checking links (a robots.txt Crawl-delay is also honoured).
  watchHostConcurrency: z.coerce.number().int().min(1).max(32).default(4),
  // Days the raw homepage probes and monitor runs are kept (src/watch/retention.ts); day totals are kept for ever. The
  // 5 % veto line reads the last 7 days, so at least 8.
  watchRawDays: z.coerce
    .number()
    .int()
    .min(8, '原始探测记录至少保留 8 天（否决线按近 7 天计算）')
    .max(3660, '原始探测记录最多保留 3660 天')
    .default(90),
  // 备份 (src/platform/backup): when the scheduled backup runs (cron in Asia/Shanghai; "off" for none), where its
  // archives go (default <dataDir>/backups) and how many are kept: the newest of each of the last N days, weeks and
  // months.
  backupCron: z.string().min(1).default('0 2 * * *'),
  backupDir: z.string().min(1).optional(),
  backupKeepDaily: z.coerce.number().int().min(1, '每日备份至少保留 1 份').max(3660).default(7),
  backupKeepWeekly: z.coerce.number().int().min(0).max(520).default(4),
  backupKeepMonthly: z.coerce.number().int().min(0).max(1200).default(12),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.GONGKAI_DATA_DIR,
    demo: env.GONGKAI_DEMO,
    logLevel: env.LOG_LEVEL,
    sessionHours: env.GONGKAI_SESSION_HOURS,
    maxLoginFailures: env.GONGKAI_MAX_LOGIN_FAILURES,
    // GONGKAI_LOCKOUT_MINUTES: the name before accounts stopped being locked, still read.
    loginMaxDelayMinutes: env.GONGKAI_LOGIN_MAX_DELAY_MINUTES || env.GONGKAI_LOCKOUT_MINUTES || undefined,
    loginRatePerMinute: env.GONGKAI_LOGIN_RATE_PER_MINUTE || undefined,
    maxUploadMb: env.GONGKAI_MAX_UPLOAD_MB,
    secureCookies: env.GONGKAI_SECURE_COOKIES,
    trustProxy: env.GONGKAI_TRUST_PROXY,
    smtpHost: env.SMTP_HOST || undefined,
    smtpPort: env.SMTP_PORT || undefined,
    smtpSecure: env.SMTP_SECURE || undefined,
    smtpUser: env.SMTP_USER || undefined,
    smtpPass: env.SMTP_PASS || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    watchAllowPrivate: env.GONGKAI_WATCH_ALLOW_PRIVATE || undefined,
    watchProbeSeconds: env.GONGKAI_WATCH_PROBE_SECONDS || undefined,
    publicUrl: env.GONGKAI_PUBLIC_URL || undefined,
    watchConfirmChecks: env.GONGKAI_WATCH_CONFIRM_CHECKS || undefined,
    watchConfirmSeconds: env.GONGKAI_WATCH_CONFIRM_SECONDS || undefined,
    watchFlapMinutes: env.GONGKAI_WATCH_FLAP_MINUTES || undefined,
    watchHostConcurrency: env.GONGKAI_WATCH_HOST_CONCURRENCY || undefined,
    watchRawDays: env.GONGKAI_WATCH_RAW_DAYS || undefined,
    ledgerKeyFile: env.GONGKAI_LEDGER_KEY_FILE || undefined,
    checkpointsFile: env.GONGKAI_CHECKPOINTS_FILE || undefined,
    backupCron: env.GONGKAI_BACKUP_CRON || undefined,
    backupDir: env.GONGKAI_BACKUP_DIR || undefined,
    backupKeepDaily: env.GONGKAI_BACKUP_KEEP_DAILY || undefined,
    backupKeepWeekly: env.GONGKAI_BACKUP_KEEP_WEEKLY || undefined,
    backupKeepMonthly: env.GONGKAI_BACKUP_KEEP_MONTHLY || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误：\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function sqlitePath(config: Config): string {
  return path.resolve(config.dataDir, 'gongkai.sqlite');
}

/** One line for the start log; never prints secrets such as the database or SMTP password (nor the SMTP user). */
export function summarizeConfig(config: Config): string {
  const db = config.databaseUrl ? `postgres ${redactUrl(config.databaseUrl)}` : `sqlite ${sqlitePath(config)}`;
  const smtp = config.smtpHost ? `${config.smtpHost}:${config.smtpPort}` : '未配置';
  const login = `${config.maxLoginFailures}free/${config.loginMaxDelayMinutes}min/${config.loginRatePerMinute}rpm`;
  return (
    `port=${config.port} db=${db} demo=${config.demo} log=${config.logLevel} session=${config.sessionHours}h `
    + `login=${login} upload=${config.maxUploadMb}MB smtp=${smtp}`
  );
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(无法解析的地址)';
  }
}
