// 自定义词库: admin-maintained banned, sensitive and advertising-law words (广告法第九条: 最佳, 第一, 国家级…),
// each with its own category and severity. One Aho-Corasick automaton, built once, reports every overlapping match.
import { MatchBuffer, scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { finding, type LexiconEntry } from './model.ts';
import { severityRank } from './report.ts';

const CATEGORY_NAME = { banned: '禁用词', sensitive: '敏感词', advertising: '广告法禁用语' } as const;

/** 广告法 governs advertising: 国家级 in 国家级高新区 is a fact, in 国家级品牌 a claim. Its words count only near trade. */
const COMMERCIAL =
  /产品|商品|品牌|本店|本公司|厂家|销售|售价|价格|优惠|促销|购买|选购|广告|代言|专卖|旗舰|招商|热销|畅销|顾客|消费者/;

export function buildLexiconChecker(entries: LexiconEntry[]): DictionaryRule & DictionaryScanner {
  const usable = entries.filter((e) => e.word.length > 0);
  // Built once: a lexicon may match every few sentences, and each match must cost no more than its object.
  const messages = usable.map((e) => `${CATEGORY_NAME[e.category]}：“${e.word}”${e.note ? `（${e.note}）` : ''}`);
  const rules = usable.map((e) => `lexicon.${e.category}`);
  const advertising = Uint8Array.from(usable, (e) => (e.category === 'advertising' ? 1 : 0));
  const ranks = Uint8Array.from(usable, (e) => severityRank(e.severity));
  return scannerOf({
    patterns: usable.map((e) => e.word),
    start(text) {
      const hits = new MatchBuffer();
      return {
        match(p, start, end) {
          if (advertising[p] && !COMMERCIAL.test(text.slice(Math.max(0, start - 30), end + 30))) return;
          hits.add(p, start, end);
        },
        finish() {
          hits.sortForReport(ranks); // so that the report merges this long list instead of sorting it
          return hits.map((p, start, end) => {
            const e = usable[p];
            return finding(rules[p], e.category, e.severity, start, end, messages[p], '', e.word);
          });
        },
      };
    },
  });
}
