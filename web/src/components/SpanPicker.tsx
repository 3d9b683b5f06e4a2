// 部分公开: the secrecy officer selects passages in the body text with the mouse (or keyboard selection) and
// marks each as withheld; the spans are UTF-16 offsets into the same plain text the server redacts.
import { Button, List, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ProofText } from './ProofText.tsx';

export interface Span {
  start: number;
  end: number;
}

export function SpanPicker({ text, spans, onChange }: { text: string; spans: Span[]; onChange: (s: Span[]) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [hint, setHint] = useState<string | null>(null);
  const add = () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !box.current?.contains(sel.anchorNode)) {
      setHint('请先在正文中用鼠标选中要不予公开的文字');
      return;
    }
    const range = sel.getRangeAt(0);
    const before = document.createRange();
    before.selectNodeContents(box.current);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    if (spans.some((s) => start < s.end && s.start < end)) {
      setHint('所选内容与已标记的部分重叠');
      return;
    }
    setHint(null);
    onChange([...spans, { start, end }].sort((a, b) => a.start - b.start));
    sel.removeAllRanges();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div ref={box}>
        <ProofText
          text={text}
          testId="span-text"
          marks={spans.map((s) => ({ ...s, className: 'withheld', title: '不予公开' }))}
        />
      </div>
      <Space>
        <Button onClick={add} data-testid="span-add">
          将选中文字标记为不予公开
        </Button>
        {hint && <Typography.Text type="warning">{hint}</Typography.Text>}
      </Space>
      <List
        size="small"
        bordered
        dataSource={spans}
        locale={{ emptyText: '尚未标记不予公开的内容' }}
        data-testid="spans"
        renderItem={(s, i) => (
          <List.Item
            actions={[
              <Button key="r" size="small" onClick={() => onChange(spans.filter((_, j) => j !== i))}>
                取消标记
              </Button>,
            ]}>
            第 {i + 1} 处：“{text.slice(s.start, s.end)}”
          </List.Item>
        )}
      />
    </Space>
  );
}
