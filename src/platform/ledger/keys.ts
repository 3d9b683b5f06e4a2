// The ledger's Ed25519 signing key and the append-only checkpoint file, both outside the database. The key file is
// created on first use with mode 0600 in a 0700 directory; its contents are never logged. In production keep it on
// another disk or a mounted secret (README), so that whoever can write the database cannot sign.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { type Checkpoint, checkpointLine, parseCheckpointLine } from './checkpoint.ts';

export function ledgerKeyPath(config: Pick<Config, 'dataDir' | 'ledgerKeyFile'>): string {
  return path.resolve(config.ledgerKeyFile ?? path.join(config.dataDir, 'keys', 'ledger-ed25519.pem'));
}

export function checkpointsPath(config: Pick<Config, 'dataDir' | 'checkpointsFile'>): string {
  return path.resolve(config.checkpointsFile ?? path.join(config.dataDir, 'checkpoints.jsonl'));
}

/** The private key, created (0600, directory 0700) when the file does not exist yet. `created` says which. */
export function loadOrCreateLedgerKey(file: string): { privateKey: KeyObject; created: boolean } {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' }); // wx: two processes starting together keep one key
      return { privateKey, created: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return { privateKey: createPrivateKey(fs.readFileSync(file)), created: false };
}

export function publicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** Appends one checkpoint to the file (O_APPEND: a line is never written over). */
export function appendCheckpointFile(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, checkpointLine(c), { mode: 0o644 });
}

/** Every checkpoint in the file, with the lines that could not be read; a missing file has none. */
export function readCheckpointFile(file: string): { checkpoints: Checkpoint[]; errors: Error[] } {
  if (!fs.existsSync(file)) return { checkpoints: [], errors: [] };
  const checkpoints: Checkpoint[] = [];
  const errors: Error[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const c = parseCheckpointLine(line, i + 1);
      if (c instanceof Error) errors.push(c);
      else checkpoints.push(c);
    });
  return { checkpoints, errors };
}
