import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { forbiddenRoleProblem } from './auth-problems';
import { AUTHENTICATED_ROLES } from './authenticated-roles.constant';
import { bearerToken } from './bearer-token';
import type { AuthenticatedRequest } from './principal';
import type { Role } from './role';
import { TokenVerifier } from './token-verifier';

/** Lets a request through when its bearer token is valid and grants one of the allowed roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      throw new Error('@Authenticated() guards HTTP handlers only');
    }
    const allowed =
      this.reflector.getAllAndOverride<Role[] | undefined>(AUTHENTICATED_ROLES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: IncomingHttpHeaders }>();
    // @Authenticated on both a class and a handler runs the guard twice; verify once.
    const principal =
      request.principal ?? (await this.verifier.verify(bearerToken(request.headers.authorization)));
    if (allowed.length > 0 && !allowed.some((role) => principal.roles.includes(role))) {
      throw forbiddenRoleProblem(allowed);
    }
    request.principal = principal;
    return true;
  }
}
