// An http(s) address a user typed (a site's homepage, a column's list page, a published item's live page, a robot
// webhook): trimmed, parsed, and refused with a zh-CN message naming the field when it is not http(s) or carries a
// user name or password (those would end up in logs and incidents).
import { invalid } from './errors.ts';

export function checkHttpUrl(field: string, raw: string, what: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw invalid(field, `${what}不是有效的网址`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid(field, `${what}必须以 http:// 或 https:// 开头`);
  if (u.username || u.password) throw invalid(field, `${what}不能包含用户名或密码`);
  return u.toString();
}
