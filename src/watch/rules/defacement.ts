// 页面篡改 (defacement): a should-not-change page (机构概况, 领导信息 …) compared with its stored baseline on
// normalized text — scripts and styles dropped, whitespace collapsed, dates, times, weekdays and digit runs masked —
// so that a rotating "今天是…星期…", a clock or a visitor counter never alarms, and a changed sentence always does.
import { createHash } from 'node:crypto';
import type { CheerioAPI } from 'cheerio';
import type { FetchResult } from '../fetch.ts';
import type { Observation } from '../observation.ts';
import { pageText } from '../page.ts';
import type { SiteSpec } from '../spec.ts';

export function normalizeForBaseline($: CheerioAPI): string {
  return pageText($)
    .replace(/(?:19|20)\d{2}\s*(?:[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)/g, '〈日期〉')
    .replace(/\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?/g, '〈时间〉')
    .replace(/(星期|周|礼拜)[一二三四五六日天]/g, '〈星期〉')
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

export function baselineHash(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex');
}

export interface DefacementJudgement {
  observation: Observation;
  /** Set when there was no baseline yet: the caller stores it. */
  newBaseline?: string;
}

export function judgeDefacement(
  spec: SiteSpec,
  url: string,
  page: FetchResult,
  $: CheerioAPI | undefined,
  now: Date,
): DefacementJudgement {
  const base = {
    monitor: 'integrity' as const,
    target: { kind: 'page' as const, siteId: spec.id, url },
    rule: 'defaced',
    observedAt: now,
  };
  if (!$ || !page.ok) {
    return {
      observation: {
        ...base,
        level: 'warning',
        incident: false,
        summary: `不应变化的页面无法读取：${page.error ?? `HTTP ${page.status}`}`,
        details: { url },
      },
    };
  }
  const normalized = normalizeForBaseline($);
  const hash = baselineHash(normalized);
  const expected = spec.baselines?.[url];
  if (!expected) {
    return {
      newBaseline: hash,
      observation: {
        ...base,
        level: 'ok',
        incident: false,
        summary: '已记录页面基线（首次检查）',
        details: { url, hash },
      },
    };
  }
  if (expected === hash)
    return {
      observation: { ...base, level: 'ok', incident: false, summary: '页面与基线一致', details: { url, hash } },
    };
  return {
    observation: {
      ...base,
      level: 'veto',
      incident: true,
      summary: `不应变化的页面内容被改动（疑似篡改）：${url}`,
      details: { url, expected, actual: hash, excerpt: normalized.slice(0, 300) },
    },
  };
}
