// The SMTP connection (nodemailer), built from configuration. Credentials stay inside the transport: no debug
// logging, and every error text passes through redactSecrets before it is stored or logged.
import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { MailMessage } from './model.ts';

export type SmtpConfig = Pick<Config, 'smtpHost' | 'smtpPort' | 'smtpSecure' | 'smtpUser' | 'smtpPass' | 'mailFrom'>;

export interface Mailer {
  /** Resolves with the addresses the server refused (the rest were accepted); rejects when nothing was accepted. */
  send(mail: MailMessage): Promise<{ rejected: string[] }>;
  close(): void;
}

const SEND_TIMEOUT_MS = 30 * 1000;

// nodemailer loads when a mailer is made (SMTP configured), not at the server's start.
const require = createRequire(import.meta.url);

export function createMailer(config: SmtpConfig & { smtpHost: string }): Mailer {
  const nodemailer = require('nodemailer') as typeof Nodemailer;
  const transport: Transporter = nodemailer.createTransport({
    host: config.smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecure === '1',
    auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPass ?? '' } : undefined,
    logger: false,
    debug: false,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      const rejected = (info.rejected ?? []) as (string | { address: string })[];
      return { rejected: rejected.map((a) => (typeof a === 'string' ? a : a.address)) };
    },
    close: () => transport.close(),
  };
}

/** Strings that must never appear in a stored error or a log line. */
export const secretsOf = (config: SmtpConfig): string[] => [config.smtpPass ?? ''];
