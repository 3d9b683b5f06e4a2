// `gongkai watch URL`: every 读网值班 monitor once on one site, with no database — availability, freshness (columns
// found on the homepage or given with --column), links, defacement/暗链 and 智能校对 on the pages. Exit status: 1 when
// a veto-level observation or an incident is present, 0 otherwise, 2 when the URL cannot be used.
// `--state FILE` keeps baselines, page hashes and probe history between runs (so defacement can be judged).
// The run itself is in watch-run.ts, loaded when the command runs.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULTS } from '../../watch/spec.ts';

/** A column given with --column; its kind is told from its name when the run starts (watch-run.ts). */
export interface GivenColumn {
  name: string;
  listUrl: string;
}

export interface WatchOptions {
  format: 'text' | 'json';
  depth: number;
  pages: number;
  concurrency: number;
  timeout: number;
  allowPrivate: boolean;
  content: boolean;
  column: GivenColumn[];
  stable: string[];
  state?: string;
}

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}必须是正整数`);
  return n;
};

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('读网监测：对一个网站运行全部监测（首页可用性、栏目更新、死链与问题域名、篡改与暗链、智能校对）一次')
    .argument('<网址>', '网站首页，如 https://www.cqqj.gov.cn/')
    .option(
      '--format <格式>',
      '输出格式：text 或 json',
      (v) => {
        if (v !== 'text' && v !== 'json') throw new InvalidArgumentError('只支持 text 或 json');
        return v;
      },
      'text',
    )
    .option('--depth <层数>', '抓取深度（首页为第 0 层）', positive('抓取深度'), DEFAULTS.maxDepth)
    .option('--pages <个数>', '最多抓取的页面数', positive('页面数'), DEFAULTS.maxPages)
    .option('--concurrency <个数>', '同时进行的请求数（礼貌抓取，默认 4）', positive('并发数'), DEFAULTS.concurrency)
    .option('--timeout <秒>', '每个请求的超时秒数（首页探测固定 15 秒）', positive('超时'), 15)
    .option('--column <名称=网址>', '指定栏目及其列表页，可多次使用；不指定时从首页导航识别', parseColumn, [])
    .option(
      '--stable <网址>',
      '不应变化的页面（机构概况等），用于篡改监测，可多次使用',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--state <文件>', '保存基线、页面指纹和探测记录的 JSON 文件（不存在时创建），用于多次运行之间比对')
    .option('--no-content', '不对页面运行智能校对')
    .option('--allow-private', '允许访问内网和本机地址（仅用于内网网站和测试）', false)
    .action(async (url: string, opts: WatchOptions) => {
      const { watch } = await import('./watch-run.ts');
      process.exitCode = await watch(url, opts);
    });
}

function parseColumn(value: string, acc: GivenColumn[]): GivenColumn[] {
  const m = /^([^=]+)=(https?:\/\/\S+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('请写成 栏目名称=列表页网址，如 通知公告=https://www.cqqj.gov.cn/tzgg/');
  return [...acc, { name: m[1].trim(), listUrl: m[2] }];
}
