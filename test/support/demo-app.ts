// The HTTP server over a fresh database with the demo organisation (src/org/demo-data.ts), and demo logins.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/org/demo.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/org/session-hook.ts';
import { createTestDeps, type TestDeps } from './testdb.ts';

export interface DemoSession {
  cookies: Record<string, string>;
  headers: Record<string, string>;
  userId: string;
}

export interface DemoApp {
  deps: TestDeps;
  app: FastifyInstance;
  loginAs(username: string): Promise<DemoSession>;
  close(): Promise<void>;
}

export async function openDemoApp(): Promise<DemoApp> {
  const deps = await createTestDeps();
  await loadDemo(deps);
  const app = await buildServer(deps);
  return {
    deps,
    app,
    async loginAs(username) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      assert.equal(res.statusCode, 200, res.body);
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      return {
        cookies: { [SESSION_COOKIE]: token },
        headers: { [CSRF_HEADER]: res.json().csrfToken },
        userId: res.json().user.id,
      };
    },
    close: async () => {
      await app.close();
      await deps.close();
    },
  };
}
