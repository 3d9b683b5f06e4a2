// Signed checkpoints (签名检查点) of the ledger tree, after RFC 9162's signed tree heads and the C2SP signed-note
// format: a few lines of text — origin, tree size, root hash, time — signed with Ed25519. Whoever holds the public key
// and a checkpoint can check any later ledger against it; the private key never enters the database.
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

export const CHECKPOINT_ORIGIN = 'gongkai-ledger/v1';

export interface Checkpoint {
  size: number; // tree size: entries 1..size
  root: string; // RFC 9162 root hash, hex
  time: string; // ISO 8601, UTC
  keyId: string; // first 8 bytes of SHA-256 over the public key (SPKI DER), hex
  signature: string; // Ed25519 over noteBody(), base64
}

/** The signed text: four lines, each ending in a newline. */
export function noteBody(c: Pick<Checkpoint, 'size' | 'root' | 'time'>): string {
  return `${CHECKPOINT_ORIGIN}\n${c.size}\n${c.root}\n${c.time}\n`;
}

/** The whole note as printed or mailed: the body, a blank line, then "— origin keyId signature". */
export function noteText(c: Checkpoint): string {
  return `${noteBody(c)}\n— ${CHECKPOINT_ORIGIN} ${c.keyId} ${c.signature}\n`;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, head: { size: number; root: string; time: string }): Checkpoint {
  const publicKey = createPublicKey(privateKey);
  const signature = sign(null, Buffer.from(noteBody(head)), privateKey).toString('base64');
  return { ...head, keyId: keyIdOf(publicKey), signature };
}

/** Whether the checkpoint was signed by this public key (a PEM text or a key). */
export function checkSignature(publicKey: KeyObject | string, c: Checkpoint): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (c.keyId !== keyIdOf(key)) return false;
  try {
    return verify(null, Buffer.from(noteBody(c)), key, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

/** One line of checkpoints.jsonl, or an Error in Chinese saying what is wrong with it. */
export function parseCheckpointLine(line: string, lineNo: number): Checkpoint | Error {
  let v: Partial<Record<keyof Checkpoint, unknown>>;
  try {
    v = JSON.parse(line);
  } catch {
    return new Error(`检查点文件第 ${lineNo} 行不是 JSON`);
  }
  const ok =
    Number.isSafeInteger(v.size)
    && (v.size as number) >= 0
    && typeof v.root === 'string'
    && /^[0-9a-f]{64}$/.test(v.root)
    && typeof v.time === 'string'
    && typeof v.keyId === 'string'
    && typeof v.signature === 'string';
  if (!ok) return new Error(`检查点文件第 ${lineNo} 行缺少树大小、根哈希、时间或签名`);
  return {
    size: v.size as number,
    root: v.root as string,
    time: v.time as string,
    keyId: v.keyId as string,
    signature: v.signature as string,
  };
}

/** The line appended to checkpoints.jsonl: the checkpoint as JSON with a fixed key order. */
export const checkpointLine = (c: Checkpoint): string =>
  `${JSON.stringify({ size: c.size, root: c.root, time: c.time, keyId: c.keyId, signature: c.signature })}\n`;
