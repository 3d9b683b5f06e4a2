// Which addresses a monitor may connect to (SSRF rules): public unicast only, unless the caller allows private
// ones (an intranet site, the test fixture on 127.0.0.1). Resolution results are cached briefly and the very
// addresses checked here are the ones connected to (fetch.ts pins them through undici's connect.lookup), so a
// DNS answer that changes between check and connect (DNS rebinding) cannot reach a private address.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to its addresses; tests pass their own (there is no DNS in a test sandbox). */
export type Resolve = (host: string) => Promise<string[]>;

export const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type AddressVerdict =
  | { ok: true; address: string }
  | { ok: false; code: 'dns-not-found' | 'dns-failed' | 'blocked-address'; error: string };

/** True for public unicast addresses; loopback, private, link-local, multicast, CGNAT and reserved ranges are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

const TTL_MS = 60_000;

export class AddressBook {
  private readonly cache = new Map<string, { verdict: AddressVerdict; at: number }>();
  constructor(
    private readonly resolve: Resolve,
    private readonly allowPrivate: boolean,
  ) {}

  /** The address to connect to for a host, or why not. Every address the name has must be allowed. */
  async check(host: string): Promise<AddressVerdict> {
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if (ipaddr.isValid(bare)) return this.judge([bare]);
    const hit = this.cache.get(bare);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.verdict;
    let verdict: AddressVerdict;
    try {
      const addresses = await this.resolve(bare);
      verdict = addresses.length ? this.judge(addresses) : notFound(bare);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      verdict =
        code === 'ENOTFOUND' || code === 'ENODATA'
          ? notFound(bare)
          : { ok: false, code: 'dns-failed', error: `域名 ${bare} 解析失败（${code ?? '未知错误'}）` };
    }
    this.cache.set(bare, { verdict, at: Date.now() });
    return verdict;
  }

  /** What was checked last for a host: the connect-time lookup answers from here, never from a fresh DNS query. */
  pinned(host: string): AddressVerdict | undefined {
    return this.cache.get(host)?.verdict;
  }

  private judge(addresses: string[]): AddressVerdict {
    const blocked = addresses.find((a) => !this.allowPrivate && !isPublicAddress(a));
    if (blocked)
      return { ok: false, code: 'blocked-address', error: `目标为内网、本机或保留地址（${blocked}），已拒绝访问` };
    return { ok: true, address: addresses[0] };
  }
}

function notFound(host: string): AddressVerdict {
  return { ok: false, code: 'dns-not-found', error: `域名 ${host} 不存在（无法解析），可能已过期或被注销` };
}
