// Reads the 目录 table out of a Word (.docx) or Excel (.xlsx) file in the browser, as the tab-separated text the
// server's import takes (src/decisions/catalog.ts parseCatalogText: one item a line, 序号 类别 决策事项 承办单位 决策时间
// 备注). Both formats are ZIP archives of XML: the archive is read here and inflated with the browser's own
// DecompressionStream; nothing is sent anywhere until the person confirms the import.

interface ZipEntry {
  method: number;
  size: number;
  offset: number;
}

function zipEntries(buf: ArrayBuffer): Map<string, ZipEntry> {
  const view = new DataView(buf);
  let end = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('文件不是有效的 .docx 或 .xlsx 文件');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count && view.getUint32(at, true) === 0x02014b50; n++) {
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = names.decode(new Uint8Array(buf, at + 46, nameLength));
    out.set(name, {
      method: view.getUint16(at + 10, true),
      size: view.getUint32(at + 20, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + skip;
  }
  return out;
}

async function readEntry(buf: ArrayBuffer, entries: Map<string, ZipEntry>, name: string): Promise<string | null> {
  const e = entries.get(name);
  if (!e) return null;
  const view = new DataView(buf);
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const raw = new Uint8Array(buf, start, e.size);
  if (e.method === 0) return new TextDecoder().decode(raw);
  if (e.method !== 8) throw new Error('文件的压缩方式无法读取，请另存为 .docx 或 .xlsx 后再试');
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

const xml = (text: string) => new DOMParser().parseFromString(text, 'application/xml');
const children = (el: Element, name: string) => [...el.children].filter((c) => c.localName === name);
const textOf = (el: Element, name: string) =>
  [...el.getElementsByTagNameNS('*', name)].map((t) => t.textContent ?? '').join('');

/** Word: the first table with rows; a cell's paragraphs are one line of text; a merged cell below reads empty. */
function docxRows(doc: Document): string[][] {
  const tables = [...doc.getElementsByTagNameNS('*', 'tbl')];
  for (const tbl of tables) {
    const rows = children(tbl, 'tr').map((tr) =>
      children(tr, 'tc').flatMap((tc) => {
        const text = children(tc, 'p')
          .map((p) => textOf(p, 't'))
          .join('');
        const span = Number(tc.getElementsByTagNameNS('*', 'gridSpan')[0]?.getAttribute('w:val') ?? 1);
        return [text, ...Array<string>(Math.max(0, span - 1)).fill('')];
      }),
    );
    if (rows.length > 1) return rows;
  }
  throw new Error('Word 文件中没有找到目录表格');
}

const column = (ref: string) => [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** An Excel date serial in the 决策时间 column (a month formatted as a date) → "2022年1月". */
function serialMonth(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 20_000 || n > 80_000) return v;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
}

/** Excel: the first worksheet; shared and inline strings; an empty merged cell reads empty. */
async function xlsxRows(buf: ArrayBuffer, entries: Map<string, ZipEntry>): Promise<string[][]> {
  const sheetName = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0];
  const sheet = sheetName ? await readEntry(buf, entries, sheetName) : null;
  if (!sheet) throw new Error('Excel 文件中没有工作表');
  const sharedXml = await readEntry(buf, entries, 'xl/sharedStrings.xml');
  const shared = sharedXml ? [...xml(sharedXml).getElementsByTagNameNS('*', 'si')].map((si) => textOf(si, 't')) : [];
  return [...xml(sheet).getElementsByTagNameNS('*', 'row')].map((row) => {
    const cells: string[] = [];
    for (const c of children(row, 'c')) {
      const type = c.getAttribute('t');
      const v = children(c, 'v')[0]?.textContent ?? '';
      const ref = c.getAttribute('r');
      const col = ref ? column(ref) : cells.length;
      let text = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? textOf(c, 't') : v;
      if (col === 4 && type !== 's' && type !== 'inlineStr') text = serialMonth(text);
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    return cells;
  });
}

/** The rows as the import's text: title lines (one filled cell) and empty lines left out; tabs inside cells are
 *  spaces. */
export function rowsToText(rows: string[][]): string {
  return rows
    .map((r) => r.map((c) => c.replace(/[\t\r\n]+/g, ' ').trim()))
    .filter((r) => r.filter(Boolean).length > 1)
    .map((r) => r.join('\t'))
    .join('\n');
}

export async function readTableFile(file: File): Promise<string> {
  const lower = file.name.toLowerCase();
  if (!lower.endsWith('.docx') && !lower.endsWith('.xlsx')) throw new Error('请选择 .docx 或 .xlsx 文件');
  const buf = await file.arrayBuffer();
  const entries = zipEntries(buf);
  if (lower.endsWith('.xlsx')) return rowsToText(await xlsxRows(buf, entries));
  const body = await readEntry(buf, entries, 'word/document.xml');
  if (!body) throw new Error('文件不是有效的 Word 文档（.docx）');
  return rowsToText(docxRows(xml(body)));
}
