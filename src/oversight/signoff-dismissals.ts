// The 审签单's 智能校对 dismissals (DOMAIN.md §2.5): every finding of the signed revision that was dismissed rather than
// fixed, with its reason, who proposed the dismissal (起草人 or 一审) and who dismissed it or accepted the proposal
// (二审 or above), with their roles and times; and the 密级标志 / 个人信息 findings the 保密工作机构 excluded at its step
// (保密审查制度 第七条), whose words are not printed (they may be personal data). One read of publish's findings table.
import type { Deps } from '../platform/deps.ts';
import { SEVERITY_NAME } from '../checks/model.ts';
import type { Actor } from '../org/model.ts';
import { ROLE_NAME } from '../org/model.ts';
import { ROLE_AT } from '../org/policy/publish.ts';
import { type Dismissal, listDismissals, type Standing, STANDING_NAME } from '../publish/service.ts';
import { beijingMinute } from './time.ts';

export interface SignedAct {
  by: { id: string; name: string };
  as: Standing | null; // null: dismissed before standings were recorded (migration 015)
  roleName: string; // 起草人 / 一审（工作人员） / 二审（科室负责人） …
  at: string; // ISO
  time: string; // 'YYYY-MM-DD HH:mm', Asia/Shanghai
}

export interface SignoffDismissal {
  // line and column are null for a 保密审查 finding, and its text is '' where it is 个人信息
  finding: Omit<Dismissal['finding'], 'line' | 'column' | 'kind'> & {
    line: number | null;
    column: number | null;
    severityName: string;
  };
  reason: string;
  proposed: SignedAct | null; // null: dismissed directly (二审 or above, or a warning)
  dismissed: SignedAct;
}

export function roleNameOf(as: Standing | null): string {
  if (as === null) return '';
  if (as === 'author') return STANDING_NAME.author;
  return `${STANDING_NAME[as]}（${ROLE_NAME[ROLE_AT[Number(as.slice(-1)) as 1 | 2 | 3 | 4]]}）`;
}

const signed = (a: { by: { id: string; name: string }; as: Standing | null; at: string }): SignedAct => ({
  by: a.by,
  as: a.as,
  roleName: roleNameOf(a.as),
  at: a.at,
  time: a.at ? beijingMinute(a.at) : '',
});

export async function dismissalsOf(
  deps: Deps,
  actor: Actor,
  itemId: string,
  revision: number,
): Promise<SignoffDismissal[]> {
  const dismissals = await listDismissals(deps, actor, itemId, revision);
  return dismissals.map(({ finding: { kind, ...f }, ...d }) =>
    kind === 'secrecy'
      ? {
          finding: {
            ...f,
            severityName: SEVERITY_NAME[f.severity] ?? f.severity,
            line: null,
            column: null,
            text: f.category === 'pii' ? '' : f.text,
            suggestion: '',
          },
          reason: d.reason,
          proposed: null,
          dismissed: {
            by: d.dismissed.by,
            as: null,
            roleName: `保密审查（${ROLE_NAME.secrecy}）`,
            at: d.dismissed.at,
            time: d.dismissed.at ? beijingMinute(d.dismissed.at) : '',
          },
        }
      : {
          finding: { ...f, severityName: SEVERITY_NAME[f.severity] },
          reason: d.reason,
          proposed: d.proposed && signed(d.proposed),
          dismissed: signed(d.dismissed),
        },
  );
}
