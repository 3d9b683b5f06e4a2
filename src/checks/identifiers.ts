// Validators and masks for the identifiers 智能校对 looks for. Each check is the published algorithm of its standard.

/** First two digits of a 行政区划代码 (GB/T 2260): provinces, 台湾 71, 香港 81, 澳门 82. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

function isDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** GB 11643-1999 居民身份证号: region, birth date (1900–2099), ISO 7064 MOD 11-2 check character. */
export function isResidentId18(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s) || !PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2099 || !isDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] === s[17].toUpperCase();
}

/** The 15-digit form issued before 1999: region, YYMMDD in the 1900s, sequence; no check character. */
export function isResidentId15(s: string): boolean {
  if (!/^\d{15}$/.test(s) || !PROVINCES.has(Number(s.slice(0, 2)))) return false;
  return isDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

/** ISO/IEC 7812 Luhn check. */
export function passesLuhn(s: string): boolean {
  let sum = 0;
  for (let i = s.length - 1, double = false; i >= 0; i--, double = !double) {
    let v = s.charCodeAt(i) - 48;
    if (double) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of cards common in China: 银联 62, Visa 4, Mastercard 51–55 and 2221–2720, JCB 35, and old
 *  19-digit debit cards. */
export function hasKnownBin(s: string): boolean {
  return /^(62|60|4|5[1-5]|2[2-7]|35|9558|95599)/.test(s);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 统一社会信用代码: 18 characters, check character modulo 31. */
export function isCreditCode(s: string): boolean {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(s[i].toUpperCase());
    if (v < 0) return false;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31] === s[17].toUpperCase();
}

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** Masking convention of published notices (INSPECTION.md): 138****1234. */
export function maskMobile(digits: string): string {
  return digits.slice(0, 3) + stars(digits.length - 7) + digits.slice(-4);
}

/** An ID number keeps its first 2 and last 3 characters. */
export function maskId(id: string): string {
  return id.slice(0, 2) + stars(id.length - 5) + id.slice(-3);
}

/** A bank card keeps only its last 4 digits (the issuing bank is no one's business either). */
export function maskCard(digits: string): string {
  return stars(digits.length - 4) + digits.slice(-4);
}

/** An e-mail keeps the first character of the mailbox and the domain. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
