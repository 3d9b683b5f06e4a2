// 智能校对 on live pages (content): the engine of src/checks on the main text of every new or changed page. A serious
// finding (严重表述错误, unmasked personal data the engine rates serious, a 密级 marking) on a published page is a veto
// item and an incident at once; the other findings are counted for the report, not raised.
import { createHash } from 'node:crypto';
import type { Checker, Finding } from '../../checks/index.ts';
import type { Observation } from '../observation.ts';
import type { SiteSpec } from '../spec.ts';

export interface ContentJudgement {
  /** Hash of the checked text, for the caller to keep (pages whose hash is unchanged are not checked again). */
  hash: string;
  checked: boolean;
  counts: Record<Finding['severity'], number>;
  observation?: Observation;
}

const CONTEXT = 20;

/** What 智能校对 found in one text: counts by severity and the serious findings with their context (small, so that
 *  it crosses from the worker thread cheaply). */
export interface TextReport {
  counts: Record<Finding['severity'], number>;
  serious: {
    rule: string;
    category: string;
    message: string;
    text: string;
    suggestion: string;
    line: number;
    column: number;
    context: string;
  }[];
  total: number;
}

export function reportText(checker: Checker, text: string): TextReport {
  return reportFindings(text, checker.run(text).findings);
}

/** What 智能校对 found in each text, in one call of the checker (content-pool.ts, content-worker.ts). */
export function reportPages(checker: Checker, texts: readonly string[]): TextReport[] {
  return checker.runPages(texts).map((r, i) => reportFindings(texts[i], r.findings));
}

/** The report of one text from its findings. */
export function reportFindings(text: string, findings: readonly Finding[]): TextReport {
  const counts = { serious: 0, error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const serious = findings.filter((f) => f.severity === 'serious');
  return {
    counts,
    total: serious.length,
    serious: serious.slice(0, 10).map((f) => ({
      rule: f.rule,
      category: f.category,
      message: f.message,
      text: f.text,
      suggestion: f.suggestion,
      line: f.line,
      column: f.column,
      context: (
        `${text.slice(Math.max(0, f.start - CONTEXT), f.start)}【${f.text}】` + `${text.slice(f.end, f.end + CONTEXT)}`
      ).replace(/\s+/g, ' '),
    })),
  };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** True when the page's text is the one already proofread in an earlier run. */
export function unchanged(spec: SiteSpec, url: string, hash: string): boolean {
  return spec.pageHashes?.[url] === hash;
}

export function contentJudgement(
  spec: SiteSpec,
  url: string,
  hash: string,
  report: TextReport,
  now: Date,
): ContentJudgement {
  if (report.total === 0) return { hash, checked: true, counts: report.counts };
  const first = report.serious[0];
  return {
    hash,
    checked: true,
    counts: report.counts,
    observation: {
      monitor: 'content',
      target: { kind: 'page', siteId: spec.id, url },
      rule: 'serious-finding',
      level: 'veto',
      incident: true,
      summary: `页面有 ${report.total} 处严重问题：${first.message}（“${first.context}”）`,
      details: { url, findings: report.serious, total: report.total },
      observedAt: now,
    },
  };
}

/** The site's 智能校对 as a whole: without it a site whose pages are all clean would show 未检测 on the content line
 *  after every check (the pages' own findings are observations of their own, and set the line's level). */
export function judgeContentRun(
  spec: SiteSpec,
  proofread: number,
  findings: { serious: number },
  now: Date,
): Observation {
  return {
    monitor: 'content',
    target: { kind: 'site', siteId: spec.id },
    rule: 'content-checked',
    level: 'ok',
    incident: false,
    summary: proofread
      ? `本次智能校对 ${proofread} 个页面，严重问题 ${findings.serious} 处（其余页面文字未变，沿用上次结果）`
      : '页面文字与上次校对时相同，沿用上次结果',
    details: { proofread, serious: findings.serious },
    observedAt: now,
  };
}

export function judgeContent(spec: SiteSpec, checker: Checker, url: string, text: string, now: Date): ContentJudgement {
  const hash = contentHash(text);
  if (unchanged(spec, url, hash))
    return { hash, checked: false, counts: { serious: 0, error: 0, warning: 0, info: 0 } };
  return contentJudgement(spec, url, hash, reportText(checker, text), now);
}
