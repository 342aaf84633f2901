import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthGuard } from './auth.guard';
import { AUTHENTICATED_ROLES } from './authenticated-roles.constant';
import type { Role } from './role';

/**
 * Only requests with a valid bearer token that grants one of `roles` (any role when none
 * is given) reach the controller or handler; others get a 401 or 403 problem document.
 */
export function Authenticated(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(AUTHENTICATED_ROLES, roles),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No bearer token, or one that is not valid' }),
    ApiForbiddenResponse({
      description: roles.length ? `The token grants none of: ${roles.join(', ')}` : 'Forbidden',
    }),
  );
}
