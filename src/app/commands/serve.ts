// `gongkai serve` (what `npm start` runs): migrate, load the demo data on first start, listen, schedule.
import type { Command } from 'commander';

/** The server's modules, loaded when `serve` runs (not by every other command); the scheduler's after listening. */
async function load() {
  const [demo, config, runtime, server, webBuild, checkpoints] = await Promise.all([
    import('../../org/demo.ts'),
    import('../../platform/config.ts'),
    import('../runtime.ts'),
    import('../server.ts'),
    import('../web-build.ts'),
    import('../../oversight/checkpoints.ts'),
  ]);
  return { ...demo, ...config, ...runtime, ...server, ...webBuild, ...checkpoints };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动 gongkai 服务（默认 http://localhost:8080）')
    .action(async () => {
      const { loadConfig, summarizeConfig, openRuntime, loadDemo, ensureWebBuild, buildServer, ledgerKey } =
        await load();
      const config = loadConfig();
      const rt = await openRuntime({ config });
      const { deps } = rt;
      deps.log.info(`gongkai 启动：${summarizeConfig(config)}`);
      if (rt.migrated.length) deps.log.info(`数据库迁移：${rt.migrated.join(', ')}`);
      ledgerKey(deps); // 登记台账签名密钥：首次启动时生成（0600），此后只读取
      if (config.demo === '1') {
        const { created } = await loadDemo(deps);
        if (created) {
          deps.log.info('已载入演示数据（演示账号见 README）');
          const { loadDutyDemo } = await import('../../duty/demo.ts');
          const duty = await loadDutyDemo(deps); // 值班: 班次、值班人员和本月起的值班表
          for (const line of [...duty.rosters.map((r) => `演示值班表：${r}`), ...duty.skipped]) deps.log.info(line);
          const { loadDecisionsDemo } = await import('../../decisions/demo.ts');
          const decisions = await loadDecisionsDemo(deps); // 重大行政决策: 区司法局、2022年度目录
          for (const line of decisions.created) deps.log.info(`演示重大行政决策：${line}`);
        }
      }
      // The UI is built here, before listening, so that a fresh clone's `npm start` serves it at once.
      await ensureWebBuild((m) => deps.log.info(m));
      const app = await buildServer(deps);
      await app.listen({ port: config.port, host: config.host });
      const { startScheduler } = await import('../jobs.ts');
      const scheduler = await startScheduler(deps); // 定时发布、邮件、保密审查与班前提醒（src/app/jobs.ts）
      const stop = async (signal: string) => {
        deps.log.info(`收到 ${signal}，正在停止服务`);
        await app.close();
        await scheduler.stop(); // waits for the runs under way
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
