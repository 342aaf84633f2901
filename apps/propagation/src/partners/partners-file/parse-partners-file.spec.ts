import { parsePartnersFile } from './parse-partners-file';

const SECRET = 'a-webhook-secret-of-some-length';

/** A good file: a queue partner with a filter, and a webhook partner. */
function goodFile(): { partners: Record<string, unknown>[] } {
  return {
    partners: [
      {
        id: 'cibg-big',
        name: 'CIBG (BIG-register)',
        filter: { crohoCodes: ['56551', '66550'] },
        canRetract: false,
        transport: { kind: 'queue' },
      },
      {
        id: 'hook',
        name: 'A webhook partner',
        filter: { levels: ['WO'], examTypes: ['bachelor', 'master'] },
        canRetract: true,
        transport: {
          kind: 'webhook',
          url: 'https://partner.example/hooks/rod',
          secret: SECRET,
          timeoutMs: 5000,
        },
      },
    ],
  };
}

/** The good file with the webhook partner (partners[1]) changed. */
function withHook(change: (hook: Record<string, unknown>) => void): unknown {
  const file = goodFile();
  change(file.partners[1]);
  return file;
}

const hookTransport = (hook: Record<string, unknown>) => hook.transport as Record<string, unknown>;

function problemsOf(content: unknown, variables: Record<string, string> = {}): string[] {
  const parsed = parsePartnersFile(content, variables, 'FILE');
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}

describe('parsePartnersFile', () => {
  it('reads a good file into partners, a missing filter meaning "everything"', () => {
    const file = goodFile();
    delete file.partners[0].filter;
    expect(parsePartnersFile(file)).toEqual({
      ok: true,
      partners: [
        {
          id: 'cibg-big',
          name: 'CIBG (BIG-register)',
          filter: {},
          canRetract: false,
          transport: { kind: 'queue' },
        },
        {
          id: 'hook',
          name: 'A webhook partner',
          filter: { levels: ['WO'], examTypes: ['bachelor', 'master'] },
          canRetract: true,
          transport: {
            kind: 'webhook',
            url: 'https://partner.example/hooks/rod',
            secret: SECRET,
            timeoutMs: 5000,
          },
        },
      ],
    });
  });

  it.each([
    ['http:// (local partners, tests)', 'http://127.0.0.1:8080/hook'],
    ['a host without a dot', 'https://partner-gateway/hook'],
    ['a port and a query', 'https://partner.example:8443/hook?v=1'],
  ])('takes a webhook URL with %s', (_what, url) => {
    expect(parsePartnersFile(withHook((h) => (hookTransport(h).url = url))).ok).toBe(true);
  });

  it.each([
    ['the timeout at its lowest', 100],
    ['the timeout at its highest', 60_000],
  ])('takes %s', (_what, timeoutMs) => {
    expect(parsePartnersFile(withHook((h) => (hookTransport(h).timeoutMs = timeoutMs))).ok).toBe(
      true,
    );
  });

  it.each([
    // what, the file, the problem expected
    ['not an object', [], 'FILE: must be a JSON object'],
    ['no partners', {}, 'FILE: partners: must be a list of partners'],
    ['an empty list', { partners: [] }, 'FILE: partners: must list at least one partner'],
    [
      'a partner that is not an object',
      { partners: ['cibg-big'] },
      'FILE: partners: must hold partner objects',
    ],
    [
      'an unknown top-level field',
      { ...goodFile(), extra: 1 },
      'FILE: extra: is not a known field',
    ],
    ['a missing id', withHook((h) => delete h.id), 'FILE: partners[1]: id: must be a string'],
    [
      'an id with capitals',
      withHook((h) => (h.id = 'Hook')),
      'FILE: partner "Hook" (partners[1]): id: must be lowercase letters and digits in dash-separated words',
    ],
    [
      'an id with a dot (unsafe in a queue name)',
      withHook((h) => (h.id = 'hook.v2')),
      'FILE: partner "hook.v2" (partners[1]): id: must be lowercase',
    ],
    [
      'an id with an underscore',
      withHook((h) => (h.id = 'hook_v2')),
      'FILE: partner "hook_v2" (partners[1]): id: must be lowercase',
    ],
    [
      'a missing name',
      withHook((h) => delete h.name),
      'FILE: partner "hook" (partners[1]): name: must be a string',
    ],
    [
      'an empty name',
      withHook((h) => (h.name = '')),
      'FILE: partner "hook" (partners[1]): name: must not be empty',
    ],
    [
      'canRetract as a string',
      withHook((h) => (h.canRetract = 'false')),
      'FILE: partner "hook" (partners[1]): canRetract: must be true or false',
    ],
    [
      'no canRetract',
      withHook((h) => delete h.canRetract),
      'FILE: partner "hook" (partners[1]): canRetract: must be true or false',
    ],
    [
      'an unknown partner field',
      withHook((h) => (h.retries = 3)),
      'FILE: partner "hook" (partners[1]): retries: is not a known field',
    ],
    [
      'a filter that is a list',
      withHook((h) => (h.filter = ['WO'])),
      'FILE: partner "hook" (partners[1]): filter: must be an object',
    ],
    [
      'an unknown level',
      withHook((h) => (h.filter = { levels: ['MBO'] })),
      'FILE: partner "hook" (partners[1]): filter.levels: must hold only HBO, WO',
    ],
    [
      'an unknown exam type',
      withHook((h) => (h.filter = { examTypes: ['phd'] })),
      'FILE: partner "hook" (partners[1]): filter.examTypes: must hold only propedeuse',
    ],
    [
      'a programme code of four digits',
      withHook((h) => (h.filter = { crohoCodes: ['5655'] })),
      'FILE: partner "hook" (partners[1]): filter.crohoCodes: must hold five-digit programme codes',
    ],
    [
      'a programme code as a number',
      withHook((h) => (h.filter = { crohoCodes: [56551] })),
      'FILE: partner "hook" (partners[1]): filter.crohoCodes: must hold five-digit programme codes',
    ],
    [
      'a programme code twice',
      withHook((h) => (h.filter = { crohoCodes: ['56551', '56551'] })),
      'FILE: partner "hook" (partners[1]): filter.crohoCodes: must not repeat a value',
    ],
    [
      'an empty list of programme codes',
      withHook((h) => (h.filter = { crohoCodes: [] })),
      'FILE: partner "hook" (partners[1]): filter.crohoCodes: must list at least one value',
    ],
    [
      'an unknown filter field',
      withHook((h) => (h.filter = { institutions: ['21PA'] })),
      'FILE: partner "hook" (partners[1]): filter.institutions: is not a known field',
    ],
    [
      'no transport',
      withHook((h) => delete h.transport),
      'FILE: partner "hook" (partners[1]): transport: must be an object',
    ],
    [
      'a transport of an unknown kind',
      withHook((h) => (hookTransport(h).kind = 'email')),
      'FILE: partner "hook" (partners[1]): transport.kind: must be "queue" or "webhook"',
    ],
    [
      'a queue transport with a URL',
      withHook((h) => (h.transport = { kind: 'queue', url: 'https://partner.example/' })),
      'FILE: partner "hook" (partners[1]): transport.url: is not a known field',
    ],
    [
      'a webhook without a URL',
      withHook((h) => delete hookTransport(h).url),
      'FILE: partner "hook" (partners[1]): transport.url: must be an http:// or https:// URL (in the file or in PARTNER_HOOK_URL)',
    ],
    [
      'a webhook with an ftp:// URL',
      withHook((h) => (hookTransport(h).url = 'ftp://partner.example/hook')),
      'FILE: partner "hook" (partners[1]): transport.url: must be an http:// or https:// URL',
    ],
    [
      'a webhook with a URL without a scheme',
      withHook((h) => (hookTransport(h).url = 'partner.example/hook')),
      'FILE: partner "hook" (partners[1]): transport.url: must be an http:// or https:// URL',
    ],
    [
      'a webhook without a secret',
      withHook((h) => delete hookTransport(h).secret),
      'FILE: partner "hook" (partners[1]): transport.secret: must be a string of at least 16 characters (in the file or in PARTNER_HOOK_SECRET)',
    ],
    [
      'a webhook with a 15-character secret',
      withHook((h) => (hookTransport(h).secret = 'x'.repeat(15))),
      'FILE: partner "hook" (partners[1]): transport.secret: must be a string of at least 16 characters',
    ],
    [
      'a webhook without a timeout',
      withHook((h) => delete hookTransport(h).timeoutMs),
      'FILE: partner "hook" (partners[1]): transport.timeoutMs: must be a whole number of milliseconds',
    ],
    [
      'a webhook timeout as a string',
      withHook((h) => (hookTransport(h).timeoutMs = '5000')),
      'FILE: partner "hook" (partners[1]): transport.timeoutMs: must be a whole number of milliseconds',
    ],
    [
      'a webhook timeout of 99 ms',
      withHook((h) => (hookTransport(h).timeoutMs = 99)),
      'FILE: partner "hook" (partners[1]): transport.timeoutMs: must be at least 100',
    ],
    [
      'a webhook timeout of a minute and a millisecond',
      withHook((h) => (hookTransport(h).timeoutMs = 60_001)),
      'FILE: partner "hook" (partners[1]): transport.timeoutMs: must be at most 60000',
    ],
    [
      'an unknown webhook field',
      withHook((h) => (hookTransport(h).method = 'PUT')),
      'FILE: partner "hook" (partners[1]): transport.method: is not a known field',
    ],
    [
      'an id twice',
      withHook((h) => (h.id = 'cibg-big')),
      'FILE: partner "cibg-big" is listed more than once (partners[0], partners[1]): ids must be unique',
    ],
  ] as [string, unknown, string][])('refuses a file with %s', (_what, content, expected) => {
    const problems = problemsOf(content);
    expect(problems).toHaveLength(1);
    expect(problems[0].slice(0, expected.length)).toBe(expected);
  });

  it('names every problem at once, and never a secret', () => {
    const file = withHook((h) => {
      h.name = '';
      hookTransport(h).secret = 'short-secret';
      hookTransport(h).timeoutMs = 10;
    });
    const problems = problemsOf(file);
    expect(problems.map((p) => p.split(': ')[2])).toEqual([
      'name',
      'transport.secret',
      'transport.timeoutMs',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  describe('with PARTNER_<ID>_SECRET and PARTNER_<ID>_URL', () => {
    const SECRET_FROM_ENV = 'the-secret-from-the-environment';

    const hookOf = (content: unknown, variables: Record<string, string>) => {
      const parsed = parsePartnersFile(content, variables);
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      return parsed.partners[1].transport;
    };

    it.each([
      [
        'a secret the file leaves out',
        withHook((h) => delete hookTransport(h).secret),
        { PARTNER_HOOK_SECRET: SECRET_FROM_ENV },
        { secret: SECRET_FROM_ENV, url: 'https://partner.example/hooks/rod' },
      ],
      [
        'a secret over the file',
        goodFile(),
        { PARTNER_HOOK_SECRET: SECRET_FROM_ENV },
        { secret: SECRET_FROM_ENV, url: 'https://partner.example/hooks/rod' },
      ],
      [
        'a URL over the file',
        goodFile(),
        { PARTNER_HOOK_URL: 'https://acceptance.partner.example/hook' },
        { secret: SECRET, url: 'https://acceptance.partner.example/hook' },
      ],
      [
        'both, for a file that has neither',
        withHook((h) => {
          delete hookTransport(h).secret;
          delete hookTransport(h).url;
        }),
        { PARTNER_HOOK_SECRET: SECRET_FROM_ENV, PARTNER_HOOK_URL: 'http://127.0.0.1:9000/hook' },
        { secret: SECRET_FROM_ENV, url: 'http://127.0.0.1:9000/hook' },
      ],
    ] as [string, unknown, Record<string, string>, Record<string, string>][])(
      'takes %s',
      (_what, content, variables, expected) => {
        expect(hookOf(content, variables)).toEqual({
          kind: 'webhook',
          timeoutMs: 5000,
          ...expected,
        });
      },
    );

    it('finds a dashed id under underscores', () => {
      const file = withHook((h) => {
        h.id = 'hook-v2';
        delete hookTransport(h).secret;
      });
      expect(hookOf(file, { PARTNER_HOOK_V2_SECRET: SECRET_FROM_ENV })).toMatchObject({
        secret: SECRET_FROM_ENV,
      });
    });

    it.each([
      [
        'a secret that is too short',
        { PARTNER_HOOK_SECRET: 'short' },
        'FILE: partner "hook" (partners[1]): transport.secret: must be a string of at least 16 characters',
      ],
      [
        'a URL that is no URL',
        { PARTNER_HOOK_URL: 'not a url' },
        'FILE: partner "hook" (partners[1]): transport.url: must be an http:// or https:// URL',
      ],
      [
        'a secret for a queue partner',
        { PARTNER_CIBG_BIG_SECRET: SECRET_FROM_ENV },
        'PARTNER_CIBG_BIG_SECRET: partner "cibg-big" is not a webhook partner',
      ],
      [
        'a URL for a partner that is not in the file',
        { PARTNER_HOOCK_URL: 'https://partner.example/' },
        'PARTNER_HOOCK_URL: names no partner in the partners file',
      ],
    ])('refuses %s', (_what, variables, expected) => {
      const problems = problemsOf(goodFile(), variables);
      expect(problems).toHaveLength(1);
      expect(problems[0].slice(0, expected.length)).toBe(expected);
      expect(problems[0]).not.toContain(SECRET_FROM_ENV);
    });
  });
});
