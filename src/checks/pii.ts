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
/** Words on the same line that make a 联系电话 a private person's: a family member (配偶：李四，联系电话…), or a
 *  公示 of the people who receive a subsidy or relief. A unit's published office number has none of them. */
const PRIVATE_PERSON = new RegExp(
  '(父亲|母亲|配偶|妻子|丈夫|儿子|女儿|子女|家属|亲属|监护人|户主|之子|之女|之妻|之夫|家庭成员|本人|申请人|'
    + '补贴对象|补助对象|救助对象|低保户|特困|困难户|脱贫户|监测户|领取人|受益人|受助人|获补|家庭住址|住址)',
);
/** Words right before the number that name a unit's published line: 值班电话, 举报电话, XX局办公室电话. */
const UNIT_LINE =
  /(值班|举报|监督|投诉|咨询|服务|办公|热线|[局委办院所站中心科股室队]|政府|街道|镇|村委会?|居委会?)(联系)?(电话|手机|号码)[：:\s]*$/;
const PRIVATE_WINDOW = 60;
/** A 公示 of the people who receive something: its lines name private persons. */
const RECIPIENT_NOTICE =
  /(补贴|补助|津贴|救助|低保|特困|资助|奖励|慰问|发放|认定|资格|享受|保障房|公租房|廉租房|安置)[^\n]{0,24}(名单|对象|人员|户)[^\n]{0,8}公示|公示[^\n]{0,6}(名单|对象)/;
/** On such a line the number is the office's: the notice's own contact for objections. */
const NOTICE_CONTACT = /(联系人|异议|反映|监督|举报|咨询|受理)/;

/** A unit right after a number makes it a statistic: 12000000000元, 13800000000人次. */
const STATISTIC_AFTER = /^\s*(元|万|亿|人|户|吨|个|件|次|台|辆|套|平方|立方|公里|千米|米|亩|%|‰|kg|t\b)/;

export function findPersonalData(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  let notice: boolean | undefined;
  const recipientNotice = () => (notice ??= RECIPIENT_NOTICE.test(text.slice(0, 400)));
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 16), start);
    const personal = PERSONAL_CONTEXT.test(before);
    if (!personal && STATISTIC_AFTER.test(text.slice(end, end + 3))) continue;
    let organisational = ORGANISATION_CONTEXT.test(before);
    if (organisational && !personal && isMobile(m[0]) && privatePerson(text, start, end, recipientNotice))
      organisational = false;
    const c = classifyNumber(m[0], personal, organisational);
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

const isMobile = (raw: string) => /^1[3-9]\d{9}$/.test(raw.replace(/[- ]/g, ''));

/** A mobile number under 联系电话 that belongs to a private person: a family member or a subsidy recipient is named
 *  on its line, and no unit's line (值班电话, XX局电话) introduces it. */
function privatePerson(text: string, start: number, end: number, recipientNotice: () => boolean): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const from = Math.max(lineStart, start - PRIVATE_WINDOW);
  const before = text.slice(from, start);
  if (UNIT_LINE.test(before.slice(-12))) return false;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const after = text.slice(end, Math.min(lineEnd, end + 20));
  if (PRIVATE_PERSON.test(before) || PRIVATE_PERSON.test(after)) return true;
  return recipientNotice() && !NOTICE_CONTACT.test(before) && !NOTICE_CONTACT.test(after);
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
