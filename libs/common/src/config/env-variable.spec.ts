import { ConfigError, env, loadConfig } from './env-variable.js';
import { thrownBy } from '../testing/caught.js';

const shape = {
  port: env.integer({ name: 'PORT', description: 'port', default: 3000, min: 1, max: 65535 }),
  verbose: env.boolean({ name: 'VERBOSE', description: 'verbose', default: false }),
  level: env.oneOf({ name: 'LEVEL', description: 'level', default: 'info', values: ['info', 'debug'] as const }),
  endpoint: env.optionalUrl({ name: 'ENDPOINT', description: 'endpoint' }),
  secret: env.optionalString({ name: 'SECRET', description: 'secret', minLength: 4 }),
  limit: env.byteSize({ name: 'LIMIT', description: 'limit', default: '2mb' }),
};

describe('loadConfig', () => {
  it('applies defaults for unset and blank variables', () => {
    expect(loadConfig(shape, { PORT: ' ' })).toEqual({ port: 3000, verbose: false, level: 'info', endpoint: undefined, secret: undefined, limit: '2mb' });
  });

  it('parses valid values', () => {
    const config = loadConfig(shape, { PORT: '8080', VERBOSE: 'yes', LEVEL: 'debug', ENDPOINT: 'https://x.example/graphql/', SECRET: 'abcd', LIMIT: '512KB' });
    expect(config).toEqual({ port: 8080, verbose: true, level: 'debug', endpoint: 'https://x.example/graphql', secret: 'abcd', limit: '512kb' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'must be a whole number from 1 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT', 'must be from 1 to 65535 (got 70000)'],
    [{ PORT: '3.5' }, 'PORT', 'must be a whole number'],
    [{ VERBOSE: 'maybe' }, 'VERBOSE', 'must be true or false'],
    [{ LEVEL: 'loud' }, 'LEVEL', 'must be one of info, debug'],
    [{ ENDPOINT: 'not a url' }, 'ENDPOINT', 'must be an absolute http(s) URL'],
    [{ ENDPOINT: 'ftp://x.example' }, 'ENDPOINT', 'must be an http(s) URL'],
    [{ SECRET: 'abc' }, 'SECRET', 'must be at least 4 characters long'],
    [{ LIMIT: 'lots' }, 'LIMIT', 'must be a size such as 512kb or 2mb'],
  ])('rejects %j naming %s', (source, variable, reason) => {
    const error = thrownBy(ConfigError, () => loadConfig(shape, source));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`Invalid configuration: ${variable} ${reason}`);
    expect(error.message).not.toContain('\n');
  });
});
