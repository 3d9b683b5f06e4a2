// 台账检查点 (signed checkpoints of the ledger tree): made every hour and on demand, stored in the database and
// appended to the checkpoint file outside it, and mailed to the district's 督查 (inspectors) through the outbox in the
// same transaction — so that copies the database's insiders cannot reach exist before anyone could want to rewrite
// history. Proofs and the public key for the 台账 screen and for inspectors checking a printed 审签单.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canReadLedgerProofs } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUserEmails, usersHoldingRole } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import type { JobSpec } from '../platform/jobs/index.ts';
import { type Checkpoint, checkpointLine, noteText } from '../platform/ledger/checkpoint.ts';
import { createCheckpoint, listCheckpoints } from '../platform/ledger/checkpoints.ts';
import {
  appendCheckpointFile,
  checkpointsPath,
  ledgerKeyPath,
  loadOrCreateLedgerKey,
  publicKeyPem,
  readCheckpointFile,
} from '../platform/ledger/keys.ts';
import {
  consistencyProof,
  type ConsistencyProof,
  inclusionProof,
  type InclusionProof,
} from '../platform/ledger/proofs.ts';
import { verifyLedger, type VerifyResult } from '../platform/ledger/verify.ts';
import { enqueueMail } from '../platform/notify/service.ts';
import { beijingMinute } from './time.ts';

export const CHECKPOINT_JOB: JobSpec = {
  name: 'ledger.checkpoint',
  title: '登记台账签名检查点（每小时）',
  when: { cron: '0 * * * *' },
};

type KeyDeps = Pick<Deps, 'config' | 'log'>;

/** The signing key, created on first use (logged without its contents). */
export function ledgerKey(deps: KeyDeps) {
  const file = ledgerKeyPath(deps.config);
  const { privateKey, created } = loadOrCreateLedgerKey(file);
  if (created) deps.log.info(`已生成登记台账签名密钥：${file}（请妥善保管，生产环境应放在另一块磁盘或挂载的密钥中）`);
  return privateKey;
}

export const ledgerPublicKey = (deps: KeyDeps): string => publicKeyPem(ledgerKey(deps));

async function mailInspectors(tx: Executor, c: Checkpoint, now: Date): Promise<void> {
  const inspectors = await usersHoldingRole(tx, 'inspector', '');
  const emails = [
    ...(
      await getUserEmails(
        tx,
        inspectors.map((u) => u.id),
      )
    ).values(),
  ].filter((e): e is string => !!e);
  if (emails.length === 0) return;
  const text = [
    `gongkai 登记台账于 ${beijingMinute(c.time)} 签署了新的检查点：共 ${c.size} 条记录。`,
    '请保存本邮件。日后可用它和平台公钥校验台账有没有被改写：',
    '  gongkai ledger verify --checkpoints 检查点文件 --public-key 公钥文件',
    '（检查点文件每行一个检查点，即下面的 JSON 行；公钥可在台账页面下载。）',
    '',
    '检查点（签名文本）：',
    noteText(c),
    '检查点（JSON 行）：',
    checkpointLine(c),
    '（本邮件由 gongkai 自动发送）',
  ].join('\n');
  await enqueueMail(
    tx,
    { to: emails, subject: `【登记台账检查点】${c.size} 条记录 ${beijingMinute(c.time)}`, text },
    now,
  );
}

/** Makes a checkpoint now if the tree grew since the last one (or there is none); returns it and whether it is new. */
export async function checkpointNow(deps: Deps): Promise<{ checkpoint: Checkpoint | null; created: boolean }> {
  const key = ledgerKey(deps);
  const now = deps.clock.now();
  const made = await deps.db.transaction().execute(async (tx) => {
    const res = await createCheckpoint(tx, key, now);
    if (res.created && res.checkpoint) await mailInspectors(tx, res.checkpoint, now);
    return res;
  });
  // After commit: a file line never names a checkpoint that the database rolled back.
  if (made.created && made.checkpoint) appendCheckpointFile(checkpointsPath(deps.config), made.checkpoint);
  return made;
}

export async function runCheckpointJob(deps: Deps): Promise<void> {
  const { checkpoint, created } = await checkpointNow(deps);
  if (created && checkpoint) deps.log.info(`登记台账检查点：${checkpoint.size} 条记录，根哈希 ${checkpoint.root}`);
}

/** Every checkpoint in the file beside the data and in the database; verify holds the whole tree against them. */
export async function verifyWithCheckpoints(
  deps: Deps,
  file?: string,
  publicKey?: string,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult & { fileErrors: string[] }> {
  const read = readCheckpointFile(file ?? checkpointsPath(deps.config));
  const key = publicKey ?? ledgerPublicKey(deps);
  const result = await verifyLedger(deps.db, { checkpoints: read.checkpoints, publicKey: key, onProgress });
  return { ...result, fileErrors: read.errors.map((e) => e.message) };
}

export async function listCheckpointsAs(deps: Deps, actor: Actor, limit = 200): Promise<Checkpoint[]> {
  assertAllowed(canReadLedgerProofs(actor));
  return listCheckpoints(deps.db, limit);
}

export async function inclusionProofAs(deps: Deps, actor: Actor, seq: number, size: number): Promise<InclusionProof> {
  assertAllowed(canReadLedgerProofs(actor));
  return inclusionProof(deps.db, seq, size);
}

export async function consistencyProofAs(
  deps: Deps,
  actor: Actor,
  from: number,
  to: number,
): Promise<ConsistencyProof> {
  assertAllowed(canReadLedgerProofs(actor));
  return consistencyProof(deps.db, from, to);
}
