import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_RATE_LIMITS } from './rate-limits';
import { eventually, testAmqpUrl, testMongoUrl, uniqueName } from './test-env';

const repoRoot = resolve(__dirname, '../../..');
export const SERVICES = ['register', 'propagation', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningService {
  name: ServiceName;
  url: string;
  database: string;
  logFile: string;
  child: ChildProcess;
}

const portVariable: Record<ServiceName, string> = {
  register: 'REGISTER_PORT',
  propagation: 'PROPAGATION_PORT',
  reporting: 'REPORTING_PORT',
};

async function freePort(): Promise<number> {
  const { freePort: find } = (await import(join(repoRoot, 'tools/dev/ferretdb.js'))) as {
    freePort: () => Promise<number>;
  };
  return find();
}

/** Starts one service from the build in dist/, as `npm start` does, and waits until it is ready. */
export async function startServiceProcess(
  name: ServiceName,
  env: Record<string, string> = {},
): Promise<RunningService> {
  if (!existsSync(join(repoRoot, 'dist/apps', name, 'src/main.js'))) {
    throw new Error('dist/ is missing: run "npm run build" before the end-to-end tests');
  }
  const port = await freePort();
  const database = uniqueName(name);
  const logDir = join(repoRoot, 'tmp/e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${database}.log`);
  const child = spawn(process.execPath, [join(repoRoot, 'tools/run-service.js'), name], {
    cwd: repoRoot,
    env: {
      ...process.env,
      AMQP_URL: testAmqpUrl(),
      MONGO_URL: testMongoUrl(),
      MONGO_DB: database,
      HTTP_HOST: '127.0.0.1',
      [portVariable[name]]: String(port),
      LOG_LEVEL: 'info',
      ...Object.fromEntries(Object.entries(TEST_RATE_LIMITS).map(([k, v]) => [k, String(v)])),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`${name} exited with ${child.exitCode}; see ${logFile}`);
      const response = await fetch(`${url}/health/ready`);
      return response.ok ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `${name} to be ready` },
  );
  return { name, url, database, logFile, child };
}

/**
 * Stops a service as `npm start` does (SIGTERM) and tells how it ended: 0 or 'SIGTERM'
 * for a clean stop (Nest re-raises the signal after closing), 'SIGKILL' if it hung.
 */
export async function stopServiceProcess(service: RunningService): Promise<number | string | null> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null)
    return child.exitCode ?? child.signalCode;
  const exited = new Promise<number | string | null>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal)),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
