import type { INestApplication } from '@nestjs/common';
import { Body, Controller, Get, Logger, Module, NotFoundException, Post } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { TestIssuer } from '@rod/testing';
import { BaseServiceConfig, loadConfig } from '../config/load-config';
import { ProblemException } from '../http/problem.exception';
import { problemType } from '../http/problem-details';
import { ServiceExceptionFilter } from '../service-exception.filter';
import { AuthModule } from './auth.module';
import { Authenticated } from './authenticated.decorator';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';

@Controller('probe')
class ProbeController {
  @Get('institution')
  @Authenticated('institution')
  institution(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection string mongodb://admin:secret@db and bsn 123456782');
  }

  @Get('conflict')
  conflict(): never {
    throw new ProblemException(409, 'Result exists', 'Result 21PA-1 is registered already', {
      type: problemType('already-exists'),
      errors: [{ code: 'already-exists', field: null, message: 'already registered' }],
      resultId: '21PA-1',
    });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No result 21PA-9');
  }
}

/** A class-level guard, for any of two roles. */
@Controller('staff')
@Authenticated('helpdesk', 'ops')
class StaffController {
  @Get()
  staff(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

/** A feature module that imports nothing: @Authenticated() must work with no wiring. */
@Module({ controllers: [ProbeController, StaffController] })
class ProbeModule {}

const PROBLEM_JSON = /^application\/problem\+json/;

let issuer: TestIssuer;
let app: INestApplication;
let url: string;
const logged = jest.fn();

beforeAll(async () => {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(logged);
  issuer = await TestIssuer.create();
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(loadConfig(BaseServiceConfig, issuer.env())), ProbeModule],
  }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ServiceExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
  await issuer?.dispose();
  jest.restoreAllMocks();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('@Authenticated()', () => {
  it.each<[string, string, () => Promise<Record<string, string>>, number, string, string | null]>([
    ['no token', '/probe/institution', () => Promise.resolve({}), 401, 'missing-token', 'Bearer'],
    [
      'another scheme',
      '/probe/institution',
      () => Promise.resolve({ authorization: 'Basic dXNlcjpwYXNz' }),
      401,
      'missing-token',
      'Bearer',
    ],
    [
      'a token that is no JWT',
      '/probe/institution',
      () => Promise.resolve(bearer('not.a.jwt')),
      401,
      'invalid-token',
      'Bearer error="invalid_token"',
    ],
    [
      'an expired institution token',
      '/probe/institution',
      async () =>
        bearer(
          await issuer.token(
            { roles: ['institution'], institutionCode: '21PA' },
            { expired: true },
          ),
        ),
      401,
      'invalid-token',
      'Bearer error="invalid_token"',
    ],
    [
      'a forged institution token',
      '/probe/institution',
      async () =>
        bearer(await issuer.forgedToken({ roles: ['institution'], institutionCode: '21PA' })),
      401,
      'invalid-token',
      'Bearer error="invalid_token"',
    ],
    [
      'a student token',
      '/probe/institution',
      async () => bearer(await issuer.token({ roles: ['student'], sub: '123456782' })),
      403,
      'forbidden-role',
      'Bearer error="insufficient_scope"',
    ],
    [
      'an institution token on a staff endpoint',
      '/staff',
      async () => bearer(await issuer.token({ roles: ['institution'], institutionCode: '21PA' })),
      403,
      'forbidden-role',
      'Bearer error="insufficient_scope"',
    ],
  ])('refuses %s on GET %s', async (_, path, headers, status, slug, challenge) => {
    const response = await fetch(`${url}${path}`, { headers: await headers() });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(await response.json()).toMatchObject({
      type: `https://rod.example/problems/${slug}`,
      status,
      instance: path,
    });
  });

  it.each<[string, string, () => Promise<string>, Principal]>([
    [
      'an institution token',
      '/probe/institution',
      () => issuer.token({ roles: ['institution'], institutionCode: '21PA' }),
      { subject: 'inst-21PA', roles: ['institution'], institutionCode: '21PA' },
    ],
    [
      'an RS256 ops token (class-level guard)',
      '/staff',
      () => issuer.token({ roles: ['ops'], sub: 'ops-1' }, { alg: 'RS256' }),
      { subject: 'ops-1', roles: ['ops'] },
    ],
    [
      'a helpdesk token (the other allowed role)',
      '/staff',
      () => issuer.token({ roles: ['helpdesk'], sub: 'desk-1' }),
      { subject: 'desk-1', roles: ['helpdesk'] },
    ],
  ])('lets %s through to GET %s with its principal', async (_, path, token, principal) => {
    const response = await fetch(`${url}${path}`, { headers: bearer(await token()) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(principal);
  });

  it('documents the bearer requirement in OpenAPI', () => {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().addBearerAuth().build(),
    );
    expect(document.paths['/probe/institution'].get?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/staff'].get?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/probe/echo'].post?.security).toBeUndefined();
  });
});

describe('errors as problem documents', () => {
  it.each<[string, string, RequestInit, number, Record<string, unknown>]>([
    [
      'an unknown route',
      '/nowhere?bsn=123456782',
      {},
      404,
      {
        type: 'about:blank',
        title: 'Not Found',
        instance: '/nowhere',
        detail: 'Cannot GET /nowhere',
      },
    ],
    [
      'a Nest HttpException',
      '/probe/missing',
      {},
      404,
      { type: 'about:blank', title: 'Not Found', detail: 'No result 21PA-9' },
    ],
    [
      'a ProblemException with errors and extra members',
      '/probe/conflict',
      {},
      409,
      {
        type: 'https://rod.example/problems/already-exists',
        title: 'Result exists',
        detail: 'Result 21PA-1 is registered already',
        errors: [{ code: 'already-exists', field: null, message: 'already registered' }],
        resultId: '21PA-1',
      },
    ],
    [
      'a body that is not JSON',
      '/probe/echo',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"bsn": "123456782", oops}',
      },
      400,
      {
        type: 'https://rod.example/problems/invalid-json',
        detail: 'The request body is not valid JSON.',
      },
    ],
    [
      'a body larger than the limit',
      '/probe/echo',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filler: 'x'.repeat(200_000) }),
      },
      413,
      { type: 'https://rod.example/problems/payload-too-large', title: 'Payload Too Large' },
    ],
  ])('answers %s', async (_, path, init, status, members) => {
    const response = await fetch(`${url}${path}`, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    const text = await response.text();
    expect(text).not.toContain('123456782');
    expect(JSON.parse(text)).toMatchObject({ status, instance: path.split('?')[0], ...members });
  });

  it('answers an internal error with a generic 500, and logs the error itself', async () => {
    logged.mockClear();
    const response = await fetch(`${url}/probe/boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The service could not handle this request; the error has been logged.',
      instance: '/probe/boom',
    });
    expect(text).not.toMatch(/secret|123456782|stack|at /);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/probe/boom', err: expect.any(Error) }),
    );
  });

  it('still answers a valid JSON body', async () => {
    const response = await fetch(`${url}/probe/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
  });
});
