// 一次性密码 (issue 11, 三员分立): when an administrator creates an account or resets a password, the server makes
// the password and mails it to the person's registered address. The administrator never sees it; the API, the
// screens, the logs and the ledger show only the masked address it went to.
import { randomInt } from 'node:crypto';
import { passwordProblem } from '../platform/auth/password.ts';
import { AppError } from '../platform/errors.ts';
import type { MailMessage } from '../platform/notify/service.ts';

// No look-alikes (0/O, 1/l/I): the person types it from a mail. 16 of 55 symbols ≈ 92 bits.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 16;

/** A fresh random password that passes passwordProblem (letters and digits). */
export function generateOneTimePassword(): string {
  for (;;) {
    const pw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (!passwordProblem(pw)) return pw;
  }
}

/** The address trimmed, or null when it cannot be a mail address (same test as the outbox's cleanRecipients). */
export function cleanEmail(raw: unknown): string | null {
  const email = typeof raw === 'string' ? raw.trim() : '';
  return email.length <= 254 && /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(email) ? email : null;
}

/** z***@example.gov.cn: enough for the administrator to tell which mailbox, not enough to read it out. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}***${email.slice(at)}`;
}

export const passwordNotAccepted = () =>
  new AppError(400, 'PASSWORD_NOT_ACCEPTED', '管理员不能指定密码：一次性密码由系统生成，直接发送至本人登记的电子邮箱');

export function oneTimePasswordMail(to: string, username: string, name: string, password: string): MailMessage {
  return {
    to: [to],
    subject: '您的一次性登录密码',
    text: [
      `${name}：`,
      `您的账号「${username}」的一次性密码：${password}`,
      '该密码只能用于登录后修改密码，请尽快登录并改为只有您本人知道的密码。',
      '任何人（包括管理员）向您索要此密码，请拒绝并报告。如您未申请，请联系安全管理员。',
    ].join('\n'),
  };
}
