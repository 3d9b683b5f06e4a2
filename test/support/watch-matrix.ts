// 读网值班 monitoring situations for the authorization matrix (test/authz-matrix.test.ts), on the demo organisation:
// 区科技局's website with a column and a page, its WeChat account, a robot webhook (never called: nothing is delivered
// in the matrix), and incidents. Getters hand out a fresh object for requests that change it, so one person's
// allowed request never changes the next person's case.
import type { Deps } from '../../src/platform/deps.ts';
import type { Actor } from '../../src/org/model.ts';
import { loadActor } from '../../src/org/service.ts';
import {
  addColumn,
  addPage,
  addSite,
  moveIncident,
  recordObservations,
  saveAccount,
  saveWebhook,
} from '../../src/watch/service.ts';

export interface WatchMatrix {
  unitId: string;
  siteId: string; // read, and given columns and pages
  accountId: string; // its last-post date may be entered again and again
  incidentId: string; // read only
  site(): Promise<string>;
  column(): Promise<string>;
  page(): Promise<string>;
  account(): Promise<string>;
  webhook(): Promise<string>;
  /** A fresh incident of 区科技局 in the state a step starts from: notified (handle, recover) or recovered (close). */
  incident(state: 'notified' | 'recovered'): Promise<string>;
}

export async function buildWatchMatrix(deps: Deps): Promise<WatchMatrix> {
  const actor = async (username: string): Promise<Actor> => {
    const row = await deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return (await loadActor(deps.db, row.id))!;
  };
  const admin = await actor('sysadmin'); // 系统管理员
  const unitId = (
    await deps.db.selectFrom('units').select('id').where('name', '=', '区科技局').executeTakeFirstOrThrow()
  ).id;
  let n = 0;
  const site = async () =>
    (
      await addSite(deps, admin, {
        unitId,
        name: `矩阵网站${++n}`,
        url: `https://m${n}.kjj.example.gov.cn/`,
        kind: 'subsite',
      })
    ).id;
  const siteId = await site();
  const account = async () =>
    (await saveAccount(deps, admin, null, { unitId, platform: 'wechat', name: `矩阵公众号${++n}` })).id;
  const incident = async (state: 'notified' | 'recovered') => {
    const [id] = (
      await recordObservations(deps, { siteId }, [
        {
          monitor: 'integrity',
          target: { kind: 'page', siteId, url: `https://kjj.example.gov.cn/p${++n}.html` },
          rule: 'defaced',
          level: 'veto',
          incident: true,
          summary: '矩阵测试：页面被篡改',
          details: {},
          observedAt: deps.clock.now(),
        },
      ])
    ).opened;
    if (state === 'recovered') await moveIncident(deps, admin, id, 'recover', '矩阵测试：已恢复');
    return id;
  };
  return {
    unitId,
    siteId,
    accountId: await account(),
    incidentId: await incident('notified'),
    site,
    column: async () =>
      (
        await addColumn(deps, admin, siteId, {
          name: `矩阵栏目${++n}`,
          url: `https://kjj.example.gov.cn/c${n}/`,
          kind: '通知公告',
        })
      ).id,
    page: async () =>
      (await addPage(deps, admin, siteId, { url: `https://kjj.example.gov.cn/keep${++n}.html`, label: '领导信息' })).id,
    account,
    webhook: async () =>
      (
        await saveWebhook(
          deps,
          admin,
          { unitId },
          {
            kind: 'wecom',
            name: `矩阵机器人${++n}`,
            url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix',
          },
        )
      ).id,
    incident,
  };
}
