import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig, ConfigError, loadConfig } from './load-config';

/** A service's settings, shaped like the apps' own (a port and a boolean switch). */
class SampleConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  SAMPLE_PORT: number = 3009;

  @IsBoolean()
  SAMPLE_SWITCH: boolean = false;

  /** On by default, so that reading "false" is seen to change something. */
  @IsBoolean()
  SAMPLE_ON: boolean = true;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(SampleConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the defaults of CONTRACT.md when nothing is set', () => {
    expect(loadConfig(SampleConfig, {})).toEqual(
      expect.objectContaining({
        AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
        MONGO_URL: 'mongodb://127.0.0.1:27017',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SAMPLE_PORT: 3009,
        SAMPLE_SWITCH: false,
        SAMPLE_ON: true,
      }),
    );
  });

  it('returns an instance of the config class', () => {
    expect(loadConfig(SampleConfig, {})).toBeInstanceOf(SampleConfig);
  });

  it('treats an empty setting as unset', () => {
    expect(loadConfig(SampleConfig, { AMQP_URL: '', SAMPLE_PORT: '' })).toMatchObject({
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      SAMPLE_PORT: 3009,
    });
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig(SampleConfig, { PATH: '/usr/bin', SOMETHING: 'x' });
    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('SOMETHING');
  });

  it.each([
    ['AMQP_URL', 'amqp://user:pw@rabbit:5672/vhost', 'amqp://user:pw@rabbit:5672/vhost'],
    ['AMQP_URL', 'amqps://rabbit.example', 'amqps://rabbit.example'],
    ['MONGO_URL', 'mongodb+srv://cluster.example/db', 'mongodb+srv://cluster.example/db'],
    ['MONGO_DB', 'register_test', 'register_test'],
    ['LOG_LEVEL', 'debug', 'debug'],
    ['HTTP_HOST', '0.0.0.0', '0.0.0.0'],
    ['SAMPLE_PORT', '8080', 8080],
    ['SAMPLE_PORT', '1', 1],
    ['SAMPLE_PORT', '65535', 65535],
    ['SAMPLE_SWITCH', 'true', true],
    ['SAMPLE_SWITCH', 'false', false],
    ['SAMPLE_ON', 'false', false],
    ['SAMPLE_ON', 'true', true],
  ])('reads %s=%p as %p', (name, value, expected) => {
    expect(loadConfig(SampleConfig, { [name]: value })).toHaveProperty(name, expected);
  });

  it.each([
    ['AMQP_URL', 'http://rabbit:5672'],
    ['AMQP_URL', 'rabbit:5672'],
    ['AMQP_URL', 'amqp://'],
    ['MONGO_URL', 'postgres://db'],
    ['MONGO_DB', 'my.db'],
    ['MONGO_DB', 'a/b'],
    ['LOG_LEVEL', 'verbose'],
    ['SAMPLE_PORT', 'abc'],
    ['SAMPLE_PORT', '0'],
    ['SAMPLE_PORT', '65536'],
    ['SAMPLE_PORT', '80.5'],
  ])('stops with a ConfigError naming %s when it is %p', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^${name}: `));
  });

  // Only "true" and "false" are read; anything else must stop start-up rather than
  // silently switch the setting on ("0", "no", "FALSE" and "off" all mean off to a reader).
  it.each([['0'], ['no'], ['off'], ['FALSE'], ['yes']])(
    'stops with a ConfigError naming a boolean setting set to %p',
    (value) => {
      expect(problemsOf({ SAMPLE_SWITCH: value })).toEqual([
        expect.stringMatching(/^SAMPLE_SWITCH: /),
      ]);
    },
  );

  it('names every bad setting at once, in its message too', () => {
    const env = { AMQP_URL: 'http://x', SAMPLE_PORT: 'abc', LOG_LEVEL: 'loud' };
    const named = new Set(problemsOf(env).map((p) => p.split(':')[0]));
    expect([...named].sort()).toEqual(['AMQP_URL', 'LOG_LEVEL', 'SAMPLE_PORT']);
    expect(() => loadConfig(SampleConfig, env)).toThrow(/^invalid configuration:\n {2}- /);
    for (const name of named) expect(() => loadConfig(SampleConfig, env)).toThrow(name);
  });

  it('reads process.env when no env is given', () => {
    expect(loadConfig(SampleConfig)).toBeInstanceOf(SampleConfig);
  });
});

describe('ConfigError', () => {
  it('keeps the problems and lists them in its message', () => {
    const error = new ConfigError(['A: bad', 'B: worse']);
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual(['A: bad', 'B: worse']);
    expect(error.message).toBe('invalid configuration:\n  - A: bad\n  - B: worse');
  });
});
