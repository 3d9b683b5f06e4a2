// The body text with spans marked inline: 智能校对 findings by severity, or the spans a 部分公开 withholds.
// Offsets are UTF-16 positions in the revision's plain text, as the server computes them.
import { Fragment } from 'react';

export interface Mark {
  start: number;
  end: number;
  className: string;
  title?: string;
  id?: string;
}

export function ProofText({
  text,
  marks,
  activeId,
  onMarkClick,
  testId,
}: {
  text: string;
  marks: Mark[];
  activeId?: string | null;
  onMarkClick?: (id: string) => void;
  testId?: string;
}) {
  const sorted = [...marks].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, m] of sorted.entries()) {
    if (m.start < at) continue; // overlapping marks: the first one wins, the list beside shows both
    parts.push(<Fragment key={`t${i}`}>{text.slice(at, m.start)}</Fragment>);
    parts.push(
      <mark
        key={`m${i}`}
        id={m.id ? `mark-${m.id}` : undefined}
        title={m.title}
        className={`${m.className}${m.id && m.id === activeId ? ' active' : ''}`}
        onClick={m.id && onMarkClick ? () => onMarkClick(m.id!) : undefined}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return (
    <div className="proof-text" data-testid={testId}>
      {parts}
    </div>
  );
}
