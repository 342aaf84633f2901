import { ConfigError, loadConfig } from '@rod/platform';
import { RegisterConfig } from './register.config';

describe('RegisterConfig', () => {
  it('defaults to port 3001 and no user_id check', () => {
    expect(loadConfig(RegisterConfig, {})).toMatchObject({
      REGISTER_PORT: 3001,
      REGISTER_REQUIRE_USER_ID: false,
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    });
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads REGISTER_REQUIRE_USER_ID=%s as %s', (value, expected) => {
    expect(
      loadConfig(RegisterConfig, { REGISTER_REQUIRE_USER_ID: value }).REGISTER_REQUIRE_USER_ID,
    ).toBe(expected);
  });

  it.each([
    ['8081', 8081],
    ['65535', 65535],
  ])('reads REGISTER_PORT=%s', (value, expected) => {
    expect(loadConfig(RegisterConfig, { REGISTER_PORT: value }).REGISTER_PORT).toBe(expected);
  });

  it.each([
    ['REGISTER_PORT', 'http'],
    ['REGISTER_PORT', '0'],
    ['REGISTER_PORT', '70000'],
    ['REGISTER_REQUIRE_USER_ID', '0'],
    ['REGISTER_REQUIRE_USER_ID', 'FALSE'],
    ['AMQP_URL', 'localhost:5672'],
  ])('stops with a ConfigError naming %s when it is %p', (name, value) => {
    let caught: unknown;
    try {
      loadConfig(RegisterConfig, { [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(new RegExp(`^${name}: `));
    expect((caught as ConfigError).message).toContain(name);
  });
});
