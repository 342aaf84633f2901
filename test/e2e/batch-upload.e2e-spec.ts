import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunningService } from '@rod/testing';
import { TestIssuer, aRegistration, startServiceProcess, stopServiceProcess } from '@rod/testing';

const uploader = resolve(__dirname, '../../tools/upload/upload.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const upload = (args: string[], token: string): Promise<Run> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      [uploader, ...args],
      { env: { ...process.env, ROD_TOKEN: token }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });

describe('npm run upload against the register (as processes, real broker and database)', () => {
  let issuer: TestIssuer;
  let register: RunningService;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    register = await startServiceProcess('register', issuer.env());
    token = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    dir = mkdtempSync(join(tmpdir(), 'rod-upload-'));
  });

  afterAll(async () => {
    if (register) expect([0, 'SIGTERM']).toContain(await stopServiceProcess(register));
    await issuer?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a file, reports the rejected lines by reason, and has effect once when sent again', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 300; i++) {
      const body = aRegistration('21PA');
      lines.push(JSON.stringify(i % 50 === 0 ? { ...body, studyMode: 'sometimes' } : body));
    }
    const file = join(dir, 'results.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const report = join(dir, 'rejected.ndjson');
    const args = [
      file,
      '--institution',
      '21PA',
      '--url',
      register.url,
      '--idempotency-key',
      'upload-1',
    ];

    const first = await upload([...args, '--report', report], token);
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/300 lines/);
    expect(first.stdout).toMatch(/294 accepted/);
    expect(first.stdout).toMatch(/6 rejected/);
    expect(first.stdout).toMatch(/studyMode/);
    const rejected = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number });
    expect(rejected.map((r) => r.line)).toEqual([50, 100, 150, 200, 250, 300]);

    // The same file with the same key: every line gets its first answer, nothing twice.
    const again = await upload(args, token);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/294 accepted/);
    for (const text of [first.stdout, first.stderr, again.stdout, again.stderr]) {
      for (const line of lines.slice(0, 5)) {
        const bsn = (JSON.parse(line) as { person: { bsn: string } }).person.bsn;
        expect(text).not.toContain(bsn);
      }
    }
  });

  it('stops with a clear message when the token is refused', async () => {
    const file = join(dir, 'one.ndjson');
    writeFileSync(file, `${JSON.stringify(aRegistration('21PA'))}\n`);
    const refused = await upload(
      [file, '--institution', '21PA', '--url', register.url],
      issuer.unsignedToken({ roles: ['institution'], institutionCode: '21PA' }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401/);
  });
});
