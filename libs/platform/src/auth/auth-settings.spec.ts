import { BaseServiceConfig, ConfigError, loadConfig } from '../config/load-config';

describe('authentication settings', () => {
  it('default to the local issuer and audience, with no keys', () => {
    const config = loadConfig(BaseServiceConfig, {});
    expect(config).toMatchObject({ AUTH_ISSUER: 'rod-local', AUTH_AUDIENCE: 'rod' });
    expect(config.AUTH_JWKS_FILE).toBeUndefined();
    expect(config.AUTH_JWKS_URL).toBeUndefined();
  });

  it.each([
    ['AUTH_JWKS_FILE', '/tmp/jwks.json'],
    ['AUTH_JWKS_URL', 'https://issuer.example/.well-known/jwks.json'],
    ['AUTH_JWKS_URL', 'http://localhost:8080/jwks'],
    ['AUTH_ISSUER', 'https://issuer.example'],
    ['AUTH_AUDIENCE', 'register'],
  ])('read %s=%s', (name, value) => {
    expect(loadConfig(BaseServiceConfig, { [name]: value })).toMatchObject({ [name]: value });
  });

  it.each([
    ['AUTH_JWKS_URL', 'issuer.example/jwks'],
    ['AUTH_JWKS_URL', 'ftp://issuer.example/jwks'],
    ['AUTH_JWKS_URL', 'file:///etc/jwks.json'],
  ])('stop start-up when %s is %p', (name, value) => {
    expect(() => loadConfig(BaseServiceConfig, { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(BaseServiceConfig, { [name]: value })).toThrow(name);
  });
});
