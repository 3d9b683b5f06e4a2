// An item's state as a coloured tag.
import { Tag } from 'antd';
import { useLabels } from '../session.tsx';

const COLOR: Record<string, string> = {
  draft: 'default',
  returned: 'orange',
  published: 'green',
  approved: 'cyan',
  withheld: 'purple',
  referred: 'magenta',
  secrecy: 'geekblue',
};

export function StageTag({ stage }: { stage: string }) {
  const labels = useLabels();
  return (
    <Tag data-testid="stage" data-stage={stage} color={COLOR[stage] ?? 'blue'}>
      {labels.stage[stage] ?? stage}
    </Tag>
  );
}
