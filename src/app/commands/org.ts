// `gongkai user add`, `gongkai user passwd`, `gongkai demo load`: the operator's org commands. They act as the
// system actor (whoever runs them can already reach the database) and go through the same use cases as the UI.
import type { Command } from 'commander';
import { isRole, type Role, ROLE_NAME, ROLES } from '../../org/model.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { readPassword } from './read-password.ts';

// The use cases load when a command runs, not with `gongkai --help` (src/app/cli.ts).
const service = () => import('../../org/service.ts');

type Open = () => Promise<{ deps: Deps; close(): Promise<void> }>;

const fail = (err: unknown, code: number) => {
  console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = code;
};

/**
 * Runs one command: `prepare` reads the arguments and the password before the database opens (bad input exits 2),
 * then `action` runs and its line is printed; errors become a zh-CN line on stderr (2: bad input, 1: other).
 */
async function runOrg<T>(
  open: Open,
  prepare: () => Promise<T>,
  action: (deps: Deps, input: T) => Promise<string>,
): Promise<void> {
  let input: T;
  try {
    input = await prepare();
  } catch (err) {
    return fail(err, 2);
  }
  let rt: Awaited<ReturnType<Open>> | null = null;
  try {
    rt = await open();
    console.log(await action(rt.deps, input));
    process.exitCode = 0;
  } catch (err) {
    fail(err, err instanceof AppError && err.status < 500 ? 2 : 1);
  } finally {
    await rt?.close();
  }
}

/** A role by its key (staff) or its Chinese name (工作人员). */
function parseRole(text: string): Role {
  if (isRole(text)) return text;
  const byName = ROLES.find((r) => ROLE_NAME[r] === text);
  if (byName) return byName;
  throw new AppError(
    400,
    'INVALID_INPUT',
    `未知角色「${text}」，可用：${ROLES.map((r) => `${r}（${ROLE_NAME[r]}）`).join('、')}`,
  );
}

async function findUnit(deps: Deps, text: string) {
  const { listUnits } = await service();
  const units = await listUnits(deps.db);
  const unit = units.find((u) => u.id === text || u.name === text || u.fullName === text);
  if (!unit)
    throw new AppError(
      404,
      'NOT_FOUND',
      `单位「${text}」不存在，现有单位：${units.map((u) => u.name).join('、') || '（无）'}`,
    );
  return unit;
}

async function findSectionId(deps: Deps, unitId: string, unitName: string, text: string): Promise<string> {
  const { listSections } = await service();
  const sections = await listSections(deps.db, unitId);
  const section = sections.find((s) => s.id === text || s.name === text);
  if (!section)
    throw new AppError(
      404,
      'NOT_FOUND',
      `${unitName}没有科室「${text}」，现有科室：${sections.map((s) => s.name).join('、') || '（无）'}`,
    );
  return section.id;
}

interface AddOptions {
  name: string;
  unit: string;
  role: string[];
  section?: string;
  password?: string;
}

export function registerOrgCommands(program: Command, open: Open): void {
  const user = program.command('user').description('用户管理');

  user
    .command('add <username>')
    .description('新建用户')
    .requiredOption('--name <显示名>', '姓名')
    .requiredOption('--unit <单位>', '单位简称、全称或 ID')
    .requiredOption('--role <role...>', `角色，可多个：${ROLES.join(' ')}（也可用中文名）`)
    .option('--section <科室>', '科室名称或 ID（工作人员可选，科室负责人必填）')
    .option('--password <密码>', '初始密码（会留在命令历史中，不建议；省略时从标准输入或终端读取）')
    .action((username: string, opts: AddOptions) =>
      runOrg(
        open,
        async () => ({
          roles: [...new Set(opts.role.map(parseRole))],
          password: opts.password ?? (await readPassword('初始密码：', true)),
        }),
        async (deps, { roles, password }) => {
          const unit = await findUnit(deps, opts.unit);
          const sectionId = opts.section ? await findSectionId(deps, unit.id, unit.name, opts.section) : null;
          const { createUser } = await service();
          const created = await createUser(deps, 'system', {
            username,
            displayName: opts.name,
            unitId: unit.id,
            password,
            // Only staff and section heads belong to a section (model.ts sectionRule).
            roles: roles.map((role) => ({
              role,
              sectionId: role === 'staff' || role === 'sectionHead' ? sectionId : null,
            })),
          });
          return (
            `已创建用户 ${created.username}（${created.name}，${unit.name}），`
            + `角色：${roles.map((r) => ROLE_NAME[r]).join('、')}`
          );
        },
      ),
    );

  user
    .command('passwd <username>')
    .description('重置用户密码（同时解除锁定、结束该用户的所有会话）')
    .option('--password <密码>', '新密码（会留在命令历史中，不建议；省略时从标准输入或终端读取）')
    .action((username: string, opts: { password?: string }) =>
      runOrg(
        open,
        async () => opts.password ?? (await readPassword('新密码：', true)),
        async (deps, password) => {
          const { setPassword } = await service();
          await setPassword(deps, 'system', username, password);
          return `已重置用户 ${username} 的密码；该用户的登录会话已全部失效，锁定已解除`;
        },
      ),
    );

  program
    .command('demo')
    .description('演示数据')
    .command('load')
    .description('载入演示单位、科室、发布渠道和各角色演示账号（库中已有单位时不做任何事）')
    .action(() =>
      runOrg(
        open,
        async () => null,
        async (deps) => {
          const { DEMO_USERS, loadDemo } = await import('../../org/demo.ts');
          const { created } = await loadDemo(deps);
          if (!created) return '库中已有单位，未载入演示数据';
          return `已载入演示数据：${DEMO_USERS.length} 个演示账号（如 sysadmin、secadmin、auditor、kjj.staff），统一密码见 README`;
        },
      ),
    );
}
