// 个人信息: 身份证号, 银行卡号, 手机号, e-mail in text to be published (DOMAIN.md §2.4: personal privacy never published).
// Like Presidio, a pattern is only a candidate: checksums and the words around it decide. An office's published
// contacts, an organisation's 统一社会信用代码, 索引号 and statistics are not personal data.
import { matchesAt } from './chars.ts';
import {
  hasKnownBin,
  isCreditCode,
  isResidentId15,
  isResidentId18,
  maskCard,
  maskEmail,
  maskId,
  maskMobile,
  passesLuhn,
} from './identifiers.ts';
import { finding, type RawFinding } from './model.ts';

const NUMBER = new RegExp(
  String.raw`(?<![0-9A-Za-z.])(\d{17}[0-9Xx]|\d{11,19}|1[3-9]\d[- ]\d{4}[- ]\d{4}|`
    + String.raw`\d{4}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z]|\.\d)`,
  'g',
);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;
const MAILBOX_CHAR = /[A-Za-z0-9._%+-]/;

/** Words before a number that make it an organisation's code or an office's published contact. */
const ORGANISATION_CONTEXT =
  /(电\s*话|传\s*真|热\s*线|邮\s*编|邮政编码|联系方式|信用代码|组织机构代码|索\s*引\s*号|文号|编号|登记号|许可证|证书号|批准号|代码|统计|邮\s*箱|信\s*箱)[^\n，。；]{0,12}$/;
/** Words that make a number personal whatever else is around it. */
const PERSONAL_CONTEXT =
  /(身份证|公民身份号码|证件号|银行卡|卡号|账号|开户|手机|本人|户主|申请人|姓名)[^\n。；]{0,12}$/;
/** A unit right after a number makes it a statistic: 12000000000元, 13800000000人次. */
const STATISTIC_AFTER = /^\s*(元|万|亿|人|户|吨|个|件|次|台|辆|套|平方|立方|公里|千米|米|亩|%|‰|kg|t\b)/;

export function findPersonalData(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 16), start);
    const personal = PERSONAL_CONTEXT.test(before);
    if (!personal && STATISTIC_AFTER.test(text.slice(end, end + 3))) continue;
    const c = classifyNumber(m[0], personal, ORGANISATION_CONTEXT.test(before));
    if (c) out.push(finding(c.rule, c.category, c.severity, start, end, c.message, c.suggestion));
  }
  for (const m of emails(text)) {
    if (ORGANISATION_CONTEXT.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    out.push(
      finding(
        'pii.email',
        'pii',
        'warning',
        m.index,
        m.index + m[0].length,
        '含电子邮箱地址：如为个人邮箱，公开前应脱敏',
        maskEmail(m[0]),
      ),
    );
  }
  return out;
}

/** The matches of EMAIL made global, looked for only at each @: the mailbox before it cannot hold another @, so a
 *  match starts at the longest run of mailbox characters before an @ or nowhere. */
function emails(text: string): RegExpExecArray[] {
  return matchesAt(text, '@', EMAIL, (at, from) => {
    let start = at;
    while (start > from && MAILBOX_CHAR.test(text[start - 1])) start--;
    return start === at ? -1 : start;
  });
}

type Classified = Omit<RawFinding, 'start' | 'end'> | null;

function classifyNumber(raw: string, personal: boolean, organisational: boolean): Classified {
  const digits = raw.replace(/[- ]/g, '');
  if (digits.length === 18 && isResidentId18(digits)) {
    // A valid 统一社会信用代码 written in digits only, under its label, is an organisation's.
    if (!personal && organisational && isCreditCode(digits)) return null;
    return {
      rule: 'pii.id-card',
      category: 'pii',
      severity: 'serious',
      suggestion: maskId(digits),
      message: '疑似公民身份证号码（地区码、出生日期、校验位均有效），严禁未脱敏公开；脱敏后保留前 2 位和后 3 位',
    };
  }
  if (digits.length === 15 && isResidentId15(digits) && (personal || !organisational)) {
    return {
      rule: 'pii.id-card',
      category: 'pii',
      severity: 'serious',
      suggestion: maskId(digits),
      message: '疑似 15 位旧版身份证号码，严禁未脱敏公开；脱敏后保留前 2 位和后 3 位',
    };
  }
  if (
    digits.length >= 16
    && digits.length <= 19
    && passesLuhn(digits)
    && (hasKnownBin(digits) || personal)
    && !organisational
  ) {
    return {
      rule: 'pii.bank-card',
      category: 'pii',
      severity: 'serious',
      suggestion: maskCard(digits),
      message: '疑似银行卡号（Luhn 校验通过），严禁未脱敏公开；脱敏后只保留后 4 位',
    };
  }
  if (digits.length === 11 && /^1[3-9]\d{9}$/.test(digits)) {
    if (organisational && !personal) {
      return {
        rule: 'pii.mobile-contact',
        category: 'pii',
        severity: 'info',
        suggestion: '',
        message: '公开的联系电话为手机号码：如为个人手机，请确认已获本人同意或改用办公电话',
      };
    }
    return {
      rule: 'pii.mobile',
      category: 'pii',
      severity: 'error',
      suggestion: maskMobile(digits),
      message: '疑似个人手机号码，公开前应脱敏（如 138****1234）',
    };
  }
  return null;
}
