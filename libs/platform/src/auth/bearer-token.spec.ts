import { ProblemException } from '../http/problem.exception';
import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc-_.~+/def=', 'abc-_.~+/def='],
  ])('reads %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each<[string, string | string[] | undefined, number, string]>([
    ['no header', undefined, 401, 'Bearer'],
    ['an empty header', '', 401, 'Bearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 401, 'Bearer'],
    ['a Bearer without token', 'Bearer', 401, 'Bearer error="invalid_token"'],
    ['a token with spaces', 'Bearer abc def', 401, 'Bearer error="invalid_token"'],
    ['two headers', ['Bearer a', 'Bearer b'], 401, 'Bearer error="invalid_token"'],
  ])('refuses %s', (_, header, status, challenge) => {
    let caught: unknown;
    try {
      bearerToken(header);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProblemException);
    expect((caught as ProblemException).getStatus()).toBe(status);
    expect((caught as ProblemException).headers['WWW-Authenticate']).toBe(challenge);
  });
});
