import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@rod/platform';
import { DEFAULT_PARTNERS_FILE } from '../../config/propagation.config';
import { DEFAULT_PARTNERS } from '../domain/default-partners';
import { loadPartners } from './load-partners';

const repoRoot = resolve(__dirname, '../../../../..');

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPartners', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rod-partners-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fileWith = (text: string): string => {
    const file = join(dir, 'partners.json');
    writeFileSync(file, text);
    return file;
  };

  it('reads the shipped file as the two partners of DOMAIN.md, as DEFAULT_PARTNERS has them', () => {
    const partners = loadPartners(
      { PROPAGATION_PARTNERS_FILE: DEFAULT_PARTNERS_FILE, partnerVariables: {} },
      repoRoot,
    );
    expect(partners).toEqual(DEFAULT_PARTNERS);
  });

  it('takes a relative path from the given working directory, an absolute one as it is', () => {
    fileWith(JSON.stringify({ partners: [DEFAULT_PARTNERS[1]] }));
    const settings = { partnerVariables: {} };
    expect(loadPartners({ ...settings, PROPAGATION_PARTNERS_FILE: 'partners.json' }, dir)).toEqual([
      DEFAULT_PARTNERS[1],
    ]);
    expect(
      loadPartners({ ...settings, PROPAGATION_PARTNERS_FILE: join(dir, 'partners.json') }, '/'),
    ).toEqual([DEFAULT_PARTNERS[1]]);
  });

  it('applies the partner variables', () => {
    const file = fileWith(
      JSON.stringify({
        partners: [
          {
            id: 'hook',
            name: 'Hook',
            canRetract: true,
            transport: { kind: 'webhook', url: 'https://partner.example/hook', timeoutMs: 500 },
          },
        ],
      }),
    );
    const [hook] = loadPartners({
      PROPAGATION_PARTNERS_FILE: file,
      partnerVariables: { PARTNER_HOOK_SECRET: 'from-the-environment' },
    });
    expect(hook.transport).toMatchObject({ secret: 'from-the-environment' });
  });

  it.each([
    [
      'a missing file',
      null,
      /^PROPAGATION_PARTNERS_FILE \(.*missing\.json\): cannot read the file \(ENOENT\); a relative path starts from /,
    ],
    [
      'a file that is not JSON',
      '{ "partners": [ { "secret": "s3cr3t-in-a-broken-file" ',
      /^PROPAGATION_PARTNERS_FILE \(.*\): is not valid JSON/,
    ],
    [
      'a file with a bad partner',
      JSON.stringify({ partners: [{ id: 'x' }] }),
      /^PROPAGATION_PARTNERS_FILE \(.*partners\.json\): partner "x" \(partners\[0\]\): name: /,
    ],
  ])('stops start-up with a ConfigError for %s', (_what, text, expected) => {
    const file = text === null ? join(dir, 'missing.json') : fileWith(text);
    const problems = problemsOf(() =>
      loadPartners({ PROPAGATION_PARTNERS_FILE: file, partnerVariables: {} }),
    );
    expect(problems[0]).toMatch(expected);
    expect(problems.join('\n')).not.toContain('s3cr3t');
  });
});
