// `gongkai gazette import FILE.docx [--issue ISSUE [--section 栏目]]`: a 公文's GB/T 9704 elements and its 公文格式
// problems; with --issue it is also placed in that issue (总期号 or id) as a 公文 read from Word, by the operator.
// `gongkai gazette build ISSUE|--demo --format pdf|html --out DIR`: one issue typeset (ISSUE: 总期号 or id).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { Runtime } from '../runtime.ts';
import { runCommand } from './run.ts';

type Open = () => Promise<Runtime>;

interface BuildOptions {
  format: 'pdf' | 'html';
  out: string;
  demo?: boolean;
  paper: 'A4' | '16K';
}

const parseFormat = (v: string) => {
  if (v !== 'pdf' && v !== 'html') throw new InvalidArgumentError('只支持 pdf 或 html');
  return v;
};
const parsePaper = (v: string) => {
  const up = v.toUpperCase();
  if (up !== 'A4' && up !== '16K') throw new InvalidArgumentError('只支持 A4 或 16K（16开，185×260 毫米）');
  return up;
};

export function registerGazetteCommands(program: Command, open: Open): void {
  const gazette = program.command('gazette').description('政府公报：公文要素识别与按期排版');
  gazette
    .command('import')
    .description('读取 Word 公文（.docx），输出 GB/T 9704-2012 各要素和公文格式问题（JSON）；可同时编入一期')
    .argument('<文件>', '.docx 文件')
    .option('--issue <期次>', '编入该期（总期号如 129，或期次 id）：须为编辑中或退回修改的一期；台账记为系统（操作员）')
    .option('--section <栏目>', '与 --issue 同用：编入的栏目，默认该期的第一个栏目')
    .action(async (file: string, opts: { issue?: string; section?: string }) => {
      const g = await import('../../gazette/service.ts');
      let buffer: Buffer;
      try {
        buffer = await readFile(file);
      } catch {
        process.stderr.write(`无法读取文件 ${file}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.section && !opts.issue) {
        process.stderr.write('--section 须与 --issue 同用\n');
        process.exitCode = 2;
        return;
      }
      if (!opts.issue) {
        try {
          process.stdout.write(`${JSON.stringify(await g.importOfficialDocx(buffer), null, 2)}\n`);
        } catch (err) {
          process.stderr.write(`${file}：${(err as Error).message}\n`);
          process.exitCode = 2;
        }
        return;
      }
      const { issue, section } = opts;
      await runCommand(open, async ({ deps }) => {
        const fileName = path.basename(file);
        const placed = await g.addWordEntry(deps, 'system', issue, { section, file: { buffer, fileName } });
        const entry = placed.issue.entries.find((e) => e.id === placed.entryId)!;
        const { document, formatFindings } = { ...entry, ...placed };
        process.stdout.write(`${JSON.stringify({ document, formatFindings, entryId: entry.id }, null, 2)}\n`);
        process.stderr.write(`已编入${placed.issue.label}「${entry.section}」：${entry.title}\n`);
        return 0;
      });
    });
  gazette
    .command('build')
    .description('排版一期公报，输出 PDF 或 HTML')
    .argument('[期次]', '总期号（如 129）或期次 id；与 --demo 二选一')
    .option('--demo', '用随软件提供的 2022年第11期（总第129期）演示')
    .option('--format <格式>', 'pdf 或 html', parseFormat, 'pdf')
    .option('--paper <纸张>', 'A4 或 16K', parsePaper, 'A4')
    .option('--out <目录>', '输出目录', '.')
    .action(async (ref: string | undefined, opts: BuildOptions) => {
      if (!ref === !opts.demo) {
        process.stderr.write('请指定期次（总期号或 id），或使用 --demo\n');
        process.exitCode = 2;
        return;
      }
      const g = await import('../../gazette/service.ts');
      let issue: Awaited<ReturnType<typeof g.issueForPrint>>;
      if (opts.demo) issue = g.demoIssue();
      else {
        const rt = await open();
        try {
          issue = await g.issueForPrint(rt.deps, 'system', ref as string);
        } catch (err) {
          process.stderr.write(`${(err as Error).message}\n`);
          process.exitCode = 2;
          return;
        } finally {
          await rt.close();
        }
      }
      await mkdir(opts.out, { recursive: true });
      const base = path.join(opts.out, `gazette-${issue.year}-${String(issue.number).padStart(2, '0')}`);
      if (opts.format === 'html') {
        await writeFile(`${base}.html`, g.issueHtml(issue));
        process.stdout.write(`已生成 ${base}.html\n`);
        return;
      }
      const t0 = performance.now();
      const { pdf, toc, pages } = await g.typesetIssue(issue, opts.paper);
      await writeFile(`${base}.pdf`, pdf);
      const secs = (performance.now() - t0) / 1000;
      process.stdout.write(`已生成 ${base}.pdf：${pages} 页，用时 ${secs.toFixed(1)} 秒\n目录：\n`);
      for (const line of toc)
        process.stdout.write(`  ${String(line.page).padStart(3)}  ${line.section}｜${line.title}\n`);
    });
}
