// POSTing an alert to a robot webhook (企业微信, 钉钉, generic JSON) without becoming an SSRF tool: http(s) only;
// the host is resolved once, every address must be public unicast (no loopback, private, link-local, CGNAT,
// multicast or reserved ranges unless GONGKAI_WATCH_ALLOW_PRIVATE=1, for tests), and the connection is pinned to the
// vetted address so DNS cannot change between the check and the connect. No redirects; a timeout; the response is
// read up to a size cap. Errors never carry the address (the robot key is in it).
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { isPublicAddress } from './address.ts';

export interface WebhookOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export class WebhookError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

const TIMEOUT_MS = 10000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Whether an address may be called: public unicast only (the monitors' one rule, address.ts), unless private
 *  addresses are allowed (tests). */
export function isAllowedAddress(address: string, allowPrivate: boolean): boolean {
  return ipaddr.isValid(address) && (allowPrivate || isPublicAddress(address));
}

async function vettedAddress(host: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const found = ipaddr.isValid(bare)
    ? [{ address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 }]
    : await dns.lookup(bare, { all: true, verbatim: true }).catch(() => {
        throw new WebhookError('DNS', '机器人地址的域名无法解析');
      });
  if (found.length === 0) throw new WebhookError('DNS', '机器人地址的域名无法解析');
  const bad = found.find((a) => !isAllowedAddress(a.address, allowPrivate));
  if (bad) throw new WebhookError('PRIVATE_ADDRESS', '机器人地址指向本机或内网地址，已拒绝发送');
  return found[0];
}

export interface WebhookResponse {
  status: number;
  body: string;
}

/** POSTs JSON; resolves on 2xx (and, for robots answering {errcode}, errcode 0), rejects with a
 *  WebhookError otherwise. */
export async function postWebhook(rawUrl: string, body: unknown, opts: WebhookOptions): Promise<WebhookResponse> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new WebhookError('BAD_URL', '机器人地址不是有效的网址');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookError('BAD_URL', '机器人地址必须是 http 或 https');
  const pinned = await vettedAddress(url.hostname, opts.allowPrivate);
  const lookup: LookupFunction = (_host, options, cb) => {
    if ((options as { all?: boolean }).all)
      (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const cap = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const res = await new Promise<WebhookResponse>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        lookup,
        timeout: timeoutMs,
        agent: false,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': payload.length,
          'user-agent': 'gongkai-watch/1',
        },
      },
      (r) => {
        const chunks: Buffer[] = [];
        let size = 0;
        r.on('data', (c: Buffer) => {
          size += c.length;
          if (size > cap) {
            r.destroy();
            reject(new WebhookError('TOO_LARGE', `机器人响应超过 ${cap} 字节`));
            return;
          }
          chunks.push(c);
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        r.on('error', () => reject(new WebhookError('NETWORK', '读取机器人响应失败')));
      },
    );
    const deadline = setTimeout(
      () => req.destroy(new WebhookError('TIMEOUT', `机器人 ${timeoutMs / 1000} 秒内无响应`)),
      timeoutMs,
    );
    deadline.unref();
    req.on('timeout', () => req.destroy(new WebhookError('TIMEOUT', `机器人 ${timeoutMs / 1000} 秒内无响应`)));
    req.on('error', (err) =>
      reject(
        err instanceof WebhookError
          ? err
          : new WebhookError('NETWORK', `连接机器人失败（${(err as { code?: string }).code ?? 'ERROR'}）`),
      ),
    );
    req.on('close', () => clearTimeout(deadline));
    req.end(payload);
  });
  if (res.status < 200 || res.status >= 300) throw new WebhookError('HTTP', `机器人返回 HTTP ${res.status}`);
  const errcode = robotErrcode(res.body);
  if (errcode !== null && errcode !== 0) throw new WebhookError('ROBOT', `机器人返回错误 errcode=${errcode}`);
  return res;
}

/** 企业微信 and 钉钉 robots answer 200 with {errcode, errmsg}; other receivers' bodies are not judged. */
function robotErrcode(body: string): number | null {
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown };
    return typeof parsed?.errcode === 'number' ? parsed.errcode : null;
  } catch {
    return null;
  }
}
