// Password hashing with argon2id (OWASP's first choice); parameters are the library's secure defaults.
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2; // Algorithm.Argon2id; a const enum in the typings, spelled out for isolatedModules

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** Rules a new password must meet; returns a zh-CN reason or null. */
export function passwordProblem(plain: string): string | null {
  if (plain.length < 8) return '密码至少 8 位';
  if (plain.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字';
  return null;
}
