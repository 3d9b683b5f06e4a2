// The GB/T 9704-2012 elements of one 公文 as form fields: 版头, 主体, 版记, and the 索引号 the online edition shows.
// Lists (正文段落, 附件说明, 附注) are one line each; each 附件 is its title on the first line, then its paragraphs.
import { Col, Form, Input, Row } from 'antd';
import type { FormInstance } from 'antd';
import type { OfficialDocument } from './types.ts';

export interface DocumentValues {
  copyNumber: string;
  classification: string;
  urgency: string;
  issuerMark: string;
  docNumber: string;
  signers: string;
  title: string;
  addressee: string;
  body: string;
  attachmentNote: string;
  signature: string;
  date: string;
  notes: string;
  attachments: string[];
  cc: string;
  printer: string;
  printDate: string;
  indexNumber: string;
}

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const orNull = (s: string | undefined) => s?.trim() || null;

export const toValues = (d: OfficialDocument): DocumentValues => ({
  copyNumber: d.copyNumber ?? '',
  classification: d.classification ?? '',
  urgency: d.urgency ?? '',
  issuerMark: d.issuerMark,
  docNumber: d.docNumber ?? '',
  signers: d.signers.join('、'),
  title: d.title,
  addressee: d.addressee ?? '',
  body: d.body.map((b) => b.text).join('\n'),
  attachmentNote: d.attachmentNote.join('\n'),
  signature: d.signature ?? '',
  date: d.date ?? '',
  notes: d.notes.join('\n'),
  attachments: d.attachments.map((a) => [a.title, ...a.paragraphs].join('\n')),
  cc: d.cc ?? '',
  printer: d.printer ?? '',
  printDate: d.printDate ?? '',
  indexNumber: d.indexNumber ?? '',
});

/** The document to send: the server reads the dates and heading levels again from the text. */
export const fromValues = (v: DocumentValues): OfficialDocument => ({
  copyNumber: orNull(v.copyNumber),
  classification: orNull(v.classification),
  urgency: orNull(v.urgency),
  issuerMark: v.issuerMark?.trim() ?? '',
  docNumber: orNull(v.docNumber),
  signers: (v.signers ?? '')
    .split(/[、，,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean),
  title: v.title?.trim() ?? '',
  addressee: orNull(v.addressee),
  body: lines(v.body).map((text) => ({ level: 0, text })),
  attachmentNote: lines(v.attachmentNote),
  signature: orNull(v.signature),
  date: orNull(v.date),
  dateIso: null,
  notes: lines(v.notes),
  attachments: (v.attachments ?? [])
    .map(lines)
    .filter((a) => a.length > 0)
    .map(([title, ...paragraphs]) => ({ title, paragraphs })),
  cc: orNull(v.cc),
  printer: orNull(v.printer),
  printDate: orNull(v.printDate),
  printDateIso: null,
  indexNumber: orNull(v.indexNumber),
});

const field = (name: keyof DocumentValues, label: string, span = 8, rows = 0) => (
  <Col span={span} key={name}>
    <Form.Item name={name} label={label}>
      {rows ? <Input.TextArea autoSize={{ minRows: rows, maxRows: 16 }} /> : <Input data-testid={`doc-${name}`} />}
    </Form.Item>
  </Col>
);

export function DocumentForm(props: {
  form: FormInstance<DocumentValues>;
  readOnly?: boolean;
  initial?: OfficialDocument;
}) {
  const { form, readOnly, initial } = props;
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      disabled={readOnly}
      initialValues={initial ? toValues(initial) : undefined}>
      <Row gutter={12}>
        {field('copyNumber', '份号', 6)}
        {field('classification', '密级和保密期限', 6)}
        {field('urgency', '紧急程度', 6)}
        {field('indexNumber', '索引号', 6)}
        {field('issuerMark', '发文机关标志', 12)}
        {field('docNumber', '发文字号', 6)}
        {field('signers', '签发人（以顿号分隔）', 6)}
        {field('title', '标题', 24)}
        {field('addressee', '主送机关', 24)}
        {field('body', '正文（每段一行；层次序数 一、（一）1.（1）自动识别）', 24, 6)}
        {field('attachmentNote', '附件说明（每项一行）', 24, 1)}
        {field('signature', '发文机关署名', 12)}
        {field('date', '成文日期', 6)}
        {field('notes', '附注（每条一行）', 6, 1)}
      </Row>
      <Form.List name="attachments">
        {(items) =>
          items.map((it, i) => (
            <Form.Item {...it} key={it.key} label={`附件 ${i + 1}（首行为标题）`}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} />
            </Form.Item>
          ))
        }
      </Form.List>
      <Row gutter={12}>
        {field('cc', '抄送机关', 24)}
        {field('printer', '印发机关', 12)}
        {field('printDate', '印发日期', 12)}
      </Row>
    </Form>
  );
}
