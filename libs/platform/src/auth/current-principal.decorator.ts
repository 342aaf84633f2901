import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from './principal';

/** The verified Principal of the request, in a handler under @Authenticated(). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!principal) {
      throw new Error('@CurrentPrincipal() is used in a handler without @Authenticated()');
    }
    return principal;
  },
);
