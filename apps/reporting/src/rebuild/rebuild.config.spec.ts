import { ConfigError, loadConfig } from '@rod/platform';
import { RebuildConfig } from './rebuild.config';

describe('RebuildConfig', () => {
  it('defaults to the local services, and never schedules builds', () => {
    const config = loadConfig(RebuildConfig, { ROD_OPS_TOKEN: 'a.b.c' });
    expect(config).toMatchObject({
      REGISTER_URL: 'http://127.0.0.1:3001',
      PROPAGATION_URL: 'http://127.0.0.1:3002',
      ROD_OPS_TOKEN: 'a.b.c',
      REPORTING_BUILD_SCHEDULE: false,
    });
  });

  it.each([
    { case: 'no token', env: {}, names: 'ROD_OPS_TOKEN' },
    { case: 'an empty token', env: { ROD_OPS_TOKEN: '' }, names: 'ROD_OPS_TOKEN' },
    {
      case: 'a register URL without scheme',
      env: { ROD_OPS_TOKEN: 't', REGISTER_URL: 'register:3001' },
      names: 'REGISTER_URL',
    },
    {
      case: 'a propagation URL of another scheme',
      env: { ROD_OPS_TOKEN: 't', PROPAGATION_URL: 'ftp://x' },
      names: 'PROPAGATION_URL',
    },
  ])('refuses $case, naming $names', ({ env, names }) => {
    expect(() => loadConfig(RebuildConfig, env)).toThrow(ConfigError);
    expect(() => loadConfig(RebuildConfig, env)).toThrow(names);
  });
});
