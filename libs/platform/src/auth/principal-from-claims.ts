import { INSTITUTION_CODE_PATTERN } from '@rod/contracts';
import type { JWTPayload } from 'jose';
import { invalidTokenProblem } from './auth-problems';
import type { Principal } from './principal';
import { isRole, Roles } from './role';

/** The principal a verified token's claims describe; refuses claims that describe none. */
export function principalFromClaims(claims: JWTPayload): Principal {
  const { sub, roles, institutionCode } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw invalidTokenProblem('The token has no subject (sub).');
  }
  if (!Array.isArray(roles) || roles.length === 0) {
    throw invalidTokenProblem('The token grants no roles: roles must be a non-empty array.');
  }
  if (!roles.every(isRole)) {
    throw invalidTokenProblem(`The token grants an unknown role; roles are ${Roles.join(', ')}.`);
  }
  if (
    institutionCode !== undefined &&
    (typeof institutionCode !== 'string' || !INSTITUTION_CODE_PATTERN.test(institutionCode))
  ) {
    throw invalidTokenProblem(
      "The token's institutionCode is not a BRIN code (two digits, two capital letters).",
    );
  }
  if (roles.includes('institution') && institutionCode === undefined) {
    throw invalidTokenProblem('A token with the role institution must carry an institutionCode.');
  }
  return {
    subject: sub,
    roles: [...new Set(roles)],
    ...(institutionCode === undefined ? {} : { institutionCode }),
  };
}
