// The seed, rebuilt: 重庆市綦江区人民政府公报 2022年第11期（总第129期）from its own 卷首语 and six 公文 (the texts in
// test/fixtures/gazette, shipped with the repository), in the sections and order of the printed 目录.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { issueLabel } from './model.ts';
import { parseOfficialDocument } from './parse.ts';
import type { Colophon, TypesetIssue } from './typeset.ts';

const DIR = path.join(import.meta.dirname, '../../test/fixtures/gazette');

export const QIJIANG_MASTHEAD = '重庆市綦江区人民政府公报';
export const QIJIANG_COLOPHON: Colophon = {
  supervisor: '重庆市綦江区人民政府',
  sponsor: '重庆市綦江区人民政府办公室',
  publisher: '重庆市綦江区人民政府公报室',
  address: '重庆市綦江区古南街道中山路1号',
  postcode: '401420',
};

/** The printed 目录 of 2022年第11期: section, then its documents' fixture files in order. */
export const DEMO_TOC: [string, string[]][] = [
  ['重庆市綦江区人民政府文件', ['1-fufa-29', '2-fufa-26']],
  ['重庆市綦江区人民政府办公室文件', ['3-fuban-65', '4-fubanfa-63']],
  ['重庆市綦江区人民政府部门文件', ['5-chengguan-108', '6-renshe-137']],
];

export const demoText = (name: string) => readFileSync(path.join(DIR, `${name}.txt`), 'utf8');

export function demoIssue(): TypesetIssue {
  const [title, ...foreword] = demoText('foreword').split('\n');
  return {
    masthead: QIJIANG_MASTHEAD,
    label: issueLabel({ year: 2022, number: 11, totalNumber: 129 }),
    year: 2022,
    number: 11,
    publishDate: '2022-12-10',
    foreword: { title, text: foreword.join('\n') },
    sections: DEMO_TOC.map(([name, files]) => ({
      name,
      documents: files.map((f) => parseOfficialDocument(demoText(f))),
    })),
    colophon: QIJIANG_COLOPHON,
  };
}
