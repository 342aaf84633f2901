import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@rod/platform';
import { PropagationConfig, loadPropagationConfig } from './propagation.config';

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('PropagationConfig', () => {
  it('defaults to port 3002, the shipped partners file, 8 attempts and a 1 s retry base', () => {
    expect(loadConfig(PropagationConfig, {})).toMatchObject({
      PROPAGATION_PORT: 3002,
      PROPAGATION_PARTNERS_FILE: 'apps/propagation/config/partners.json',
      PROPAGATION_MAX_ATTEMPTS: 8,
      PROPAGATION_RETRY_BASE_MS: 1000,
      partnerVariables: {},
    });
  });

  it.each([
    ['PROPAGATION_PORT', '8082', 8082],
    ['PROPAGATION_PARTNERS_FILE', '/etc/rod/partners.json', '/etc/rod/partners.json'],
    ['PROPAGATION_MAX_ATTEMPTS', '1', 1],
    ['PROPAGATION_MAX_ATTEMPTS', '100', 100],
    ['PROPAGATION_RETRY_BASE_MS', '1', 1],
    ['PROPAGATION_RETRY_BASE_MS', '900000', 900_000],
  ])('reads %s=%s', (name, value, expected) => {
    expect(loadConfig(PropagationConfig, { [name]: value })).toHaveProperty(name, expected);
  });

  it.each([
    ['PROPAGATION_PORT', '0'],
    ['PROPAGATION_MAX_ATTEMPTS', '0'],
    ['PROPAGATION_MAX_ATTEMPTS', '101'],
    ['PROPAGATION_MAX_ATTEMPTS', 'eight'],
    ['PROPAGATION_MAX_ATTEMPTS', '2.5'],
    ['PROPAGATION_RETRY_BASE_MS', '0'],
    ['PROPAGATION_RETRY_BASE_MS', '900001'],
    ['PROPAGATION_RETRY_BASE_MS', '1s'],
  ])('stops with a ConfigError naming %s when it is %p', (name, value) => {
    const problems = problemsOf(() => loadConfig(PropagationConfig, { [name]: value }));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^${name}: `));
  });
});

describe('loadPropagationConfig', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rod-propagation-config-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const partnersFile = (partners: unknown[]): string => {
    const file = join(dir, 'partners.json');
    writeFileSync(file, JSON.stringify({ partners }));
    return file;
  };

  const hook = {
    id: 'hook',
    name: 'Hook',
    canRetract: true,
    transport: { kind: 'webhook', url: 'https://partner.example/hook', timeoutMs: 1000 },
  };

  it('gathers the PARTNER_<ID>_… variables and checks the partners file with them', () => {
    const config = loadPropagationConfig({
      PROPAGATION_PARTNERS_FILE: partnersFile([hook]),
      PARTNER_HOOK_SECRET: 'sixteen-chars-at-least',
      PATH: '/usr/bin',
    });
    expect(config.partnerVariables).toEqual({ PARTNER_HOOK_SECRET: 'sixteen-chars-at-least' });
  });

  it('stops with a ConfigError naming the partner and field when the file is bad', () => {
    const problems = problemsOf(() =>
      loadPropagationConfig({ PROPAGATION_PARTNERS_FILE: partnersFile([hook]) }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^PROPAGATION_PARTNERS_FILE \(.*\): partner "hook" \(partners\[0\]\): transport\.secret: .*PARTNER_HOOK_SECRET/,
      ),
    ]);
  });

  it('reads the shipped file with the defaults, from the repository root', () => {
    expect(loadPropagationConfig({}).PROPAGATION_PARTNERS_FILE).toBe(
      'apps/propagation/config/partners.json',
    );
  });
});
