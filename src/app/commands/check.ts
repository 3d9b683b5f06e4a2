// `gongkai check FILE...`: the 智能校对 engine (src/checks) on .txt, .html and .docx files or `-` (stdin).
// Exit status: 1 when a serious or error finding is present (65号 §5(四): such an item may not be published),
// 0 otherwise, 2 when an input cannot be used (too large, not text, a broken or bomb .docx).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Checker, CheckResult, Finding } from '../../checks/index.ts';
import { SEVERITY_NAME, SEVERITY_ORDER } from '../../checks/model.ts';
import { AppError } from '../../platform/errors.ts';

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** A .docx is XML inside a zip: it may expand to this many times the input limit before it counts as a bomb. */
const DOCX_EXPANSION = 5;
const PROGRESS_FROM_FILES = 3;

interface CheckCommandOptions {
  format: 'text' | 'json';
  maxBytes: number;
}

class InputError extends Error {}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('智能校对：检查文件中的严重表述错误、个人信息、密级标志、错别字、公文格式和标点')
    .argument('<文件...>', '.txt、.html、.docx 文件，或用 - 表示从标准输入读取')
    .option('--format <格式>', '输出格式：text 或 json', parseFormat, 'text')
    .option('--max-bytes <大小>', '单个输入的最大字节数，可写 20MB、512KB', parseBytes, DEFAULT_MAX_BYTES)
    .action(async (files: string[], opts: CheckCommandOptions) => {
      process.exitCode = await checkFiles(files, opts);
    });
}

function parseFormat(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError('只支持 text 或 json');
  return value;
}

function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('请写成字节数，或如 20MB、512KB');
  const unit = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? 'b')[0].toLowerCase() as 'b' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < 1) throw new InvalidArgumentError('最大字节数必须大于 0');
  return bytes;
}

type Outcome = { file: string; result: CheckResult; text: string } | { file: string; error: string };

async function checkFiles(files: string[], opts: CheckCommandOptions): Promise<number> {
  // Loaded here, not with the command line: `gongkai --help` needs none of it, .txt files need no HTML or .docx reader.
  // The engine loads and builds its dictionaries while the first input is being read (checkOne awaits it).
  const checker = import('../../checks/index.ts').then(({ createChecker }) => createChecker());
  const cliProgress =
    files.length >= PROGRESS_FROM_FILES && process.stderr.isTTY ? (await import('cli-progress')).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: '智能校对 [{bar}] {value}/{total} 个文件', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(files.length, 0);
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Output is rendered per file and printed after the progress bar is gone; the texts themselves are not kept.
  const rendered: (string | ReturnType<typeof toJson>)[] = [];
  let unusable = false;
  let blocking = false;
  for (const file of files) {
    const o = await checkOne(checker, file, opts.maxBytes);
    if ('error' in o) unusable = true;
    else blocking ||= o.result.findings.some((f) => f.severity === 'serious' || f.severity === 'error');
    rendered.push(opts.format === 'json' ? toJson(o) : printOutcome(o, colour));
    bar?.increment();
  }
  bar?.stop();
  if (opts.format === 'json')
    process.stdout.write(`${JSON.stringify(rendered.length === 1 ? rendered[0] : rendered, null, 2)}\n`);
  else for (const r of rendered) process.stdout.write(r as string);
  return unusable ? 2 : blocking ? 1 : 0;
}

async function checkOne(checker: Promise<Checker>, file: string, maxBytes: number): Promise<Outcome> {
  try {
    const text = await readInput(file, maxBytes);
    return { file, result: (await checker).run(text), text };
  } catch (e) {
    if (e instanceof InputError || e instanceof AppError) return { file, error: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, error: '文件不存在' };
    if (code === 'EISDIR') return { file, error: '这是一个目录，不是文件' };
    if (code === 'EACCES') return { file, error: '没有读取该文件的权限' };
    throw e;
  }
}

const tooLarge = (maxBytes: number) =>
  new InputError(`输入超过允许的最大大小 ${formatBytes(maxBytes)}，已拒绝（可用 --max-bytes 调整）`);

const htmlToText = async (html: string) => (await import('../../platform/documents/html.ts')).htmlToText(html);

async function readInput(file: string, maxBytes: number): Promise<string> {
  if (file === '-') return decodeText(await readStdin(maxBytes));
  const info = await stat(file);
  if (info.isDirectory()) throw new InputError('这是一个目录，不是文件');
  if (info.size > maxBytes) throw tooLarge(maxBytes);
  const buf = await readFile(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') {
    const { docxToHtml } = await import('../../platform/documents/docx.ts');
    const { html } = await docxToHtml(buf, { maxUncompressedBytes: maxBytes * DOCX_EXPANSION, maxEntries: 2000 });
    return htmlToText(html);
  }
  const text = decodeText(buf);
  return ext === '.html' || ext === '.htm' ? htmlToText(text) : text;
}

/** Reads stdin up to the limit and stops there, so a 50 MB pipe costs at most the limit in memory. */
async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 first, then GB18030 (many office PCs still save .txt that way); NUL bytes or control characters
 *  mean binary. */
function decodeText(buf: Buffer): string {
  const sample = buf.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27)) control++;
  if (sample.includes(0) || control > sample.length / 100)
    throw new InputError('不是文本文件（含二进制内容），请提供 .txt、.html 或 .docx 文件');
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(buf);
    } catch {
      // try the next encoding
    }
  }
  throw new InputError('不是文本文件（无法按 UTF-8 或 GB18030 解码）');
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${Math.round((n / 1024 ** 2) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} 字节`;
}

function toJson(o: Outcome) {
  if ('error' in o) return { file: o.file, error: { code: 'UNUSABLE_INPUT', message: o.error } };
  const findings = o.result.findings.map(
    ({ rule, category, severity, start, end, line, column, text, suggestion, message }) => ({
      rule,
      category,
      severity,
      start,
      end,
      line,
      column,
      text,
      suggestion,
      message,
    }),
  );
  return { file: o.file, findings, stats: o.result.stats };
}

const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reverse: '\x1b[7m',
  reset: '\x1b[0m',
};
const SEVERITY_COLOUR = { serious: ANSI.red + ANSI.bold, error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

const CONTEXT = 16;
const noPaint = (_code: string, s: string) => s;

function printOutcome(o: Outcome, colour: boolean): string {
  const paint = colour ? (code: string, s: string) => `${code}${s}${ANSI.reset}` : noPaint;
  const name = o.file === '-' ? '（标准输入）' : o.file;
  if ('error' in o) return `${paint(ANSI.bold, name)}\n  ${paint(ANSI.red, `无法检查：${o.error}`)}\n\n`;
  const { findings, stats } = o.result;
  const lines = [paint(ANSI.bold, name)];
  if (findings.length === 0) lines.push('  未发现问题');
  for (const severity of SEVERITY_ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`  ${paint(SEVERITY_COLOUR[severity], `${SEVERITY_NAME[severity]}（${group.length}）`)}`);
    for (const f of group) lines.push(...printFinding(f, o.text, paint));
  }
  const counts = SEVERITY_ORDER.map(
    (s) => `${SEVERITY_NAME[s]} ${findings.filter((f) => f.severity === s).length}`,
  ).join('、');
  lines.push(`  共 ${findings.length} 条：${counts}（${stats.chars} 字，${stats.ms} 毫秒）`, '');
  return `${lines.join('\n')}\n`;
}

function printFinding(f: Finding, text: string, paint: (code: string, s: string) => string): string[] {
  const out = [`    ${paint(ANSI.dim, `${f.line}:${f.column}`)}  ${f.message}  ${paint(ANSI.dim, `[${f.rule}]`)}`];
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  const nl = text.indexOf('\n', f.end);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = text.slice(Math.max(lineStart, f.start - CONTEXT), f.start);
  const after = text.slice(f.end, Math.min(lineEnd, f.end + CONTEXT));
  const hit = f.text.length > 60 ? `${f.text.slice(0, 60)}…` : f.text;
  const marked = paint === noPaint ? `【${hit}】` : paint(ANSI.reverse + ANSI.red, hit);
  out.push(`        ${before.trimStart()}${marked}${after.trimEnd()}`);
  if (f.suggestion) out.push(`        建议：${paint(ANSI.bold, f.suggestion)}`);
  return out;
}
