// The seed, rebuilt: 重庆市綦江区人民政府公报 2022年第11期（总第129期）from its own 卷首语 and six 公文 (the texts in
// test/fixtures/gazette, shipped with the repository), in the sections and order of the printed 目录.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, issueLabel } from './model.ts';
import { parseOfficialDocument } from './parse.ts';
import type { Colophon, TypesetIssue } from './typeset.ts';

const DIR = path.join(import.meta.dirname, '../../test/fixtures/gazette');

const { masthead, supervisor, sponsor, publisher, address, postcode, phone } = DEFAULT_SETTINGS;
/** The seed's 版权页 (model.ts DEFAULT_SETTINGS: what a deployment prints until its 公报室 sets its own). */
export const QIJIANG_COLOPHON: Colophon = { supervisor, sponsor, publisher, address, postcode, phone };

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
    masthead,
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
