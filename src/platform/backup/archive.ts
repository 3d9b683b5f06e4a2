// The archive container: a gzip-compressed tar (node-tar) of the backup's files, encrypted as a whole in the age
// format with a passphrase (age-encryption) when it holds the private signing key. Any byte changed in the archive is
// caught before its contents are used: age authenticates every chunk; gzip's CRC-32 covers the tar, and the only gzip
// bytes the CRC does not cover (its fixed 10-byte header) are compared with the header this code writes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';
import { create, extract } from 'tar';
import { BackupError, corrupted } from './model.ts';

const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n');
const GZIP_LEVEL = 6;
/** What node-tar's portable gzip writes first: magic, deflate, no flags, mtime 0, no extra flags, OS unknown (255). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

function firstBytes(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export const isEncrypted = (file: string) => firstBytes(file, AGE_MAGIC.length).equals(AGE_MAGIC);

/** Packs `names` (files in `dir`) into a .tar.gz at `dest`. */
export async function pack(dir: string, names: string[], dest: string): Promise<void> {
  await create({ gzip: { level: GZIP_LEVEL }, file: dest, cwd: dir, portable: true, noDirRecurse: true }, names);
}

/** Unpacks a .tar.gz into `dir`; a damaged archive is a zh-CN BackupError. */
export async function unpack(file: string, dir: string): Promise<void> {
  if (!firstBytes(file, 10).equals(GZIP_HEADER)) throw corrupted('文件头不是 gongkai 写出的 gzip 头');
  try {
    await extract({ file, cwd: dir, strict: true, preservePaths: false });
  } catch (err) {
    throw corrupted(`无法解开压缩包（${(err as Error).message}）`);
  }
}

const webReader = (file: string) => Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
const toFile = (stream: ReadableStream<Uint8Array>, dest: string) =>
  pipeline(Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>), fs.createWriteStream(dest));

/** Encrypts `src` to `dest` with the passphrase (age, scrypt). */
export async function encryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  await toFile(await e.encrypt(webReader(src)), dest);
}

/** Decrypts `src` to `dest`; a wrong passphrase or a changed byte is a zh-CN BackupError. */
export async function decryptFile(src: string, dest: string, passphrase: string): Promise<void> {
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  try {
    await toFile(await d.decrypt(webReader(src)), dest);
  } catch (err) {
    fs.rmSync(dest, { force: true });
    const msg = (err as Error).message;
    if (/passphrase|identity|no identity matched|scrypt/i.test(msg) && !/stream|chunk/i.test(msg)) {
      throw new BackupError(`无法解密备份：口令不对，或备份文件已损坏（${msg}）`);
    }
    throw corrupted(`加密内容校验不通过（${msg}）`);
  }
}

/** SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    fs.createReadStream(file),
    new Writable({
      write(chunk, _enc, done) {
        hash.update(chunk);
        done();
      },
    }),
  );
  return hash.digest('hex');
}
