import type { Principal } from '@rod/platform';
import { ProblemException } from '@rod/platform';

/**
 * An institution reaches only its own results, whatever the path says: the institution
 * acting is the token's, and a path naming another is refused.
 */
export function actingInstitution(principal: Principal, pathCode: string): string {
  if (!principal.institutionCode || principal.institutionCode !== pathCode) {
    throw new ProblemException(
      403,
      'Not allowed',
      "an institution may only reach its own results; the path names another institution's",
      { type: 'https://rod.example/problems/not-allowed' },
    );
  }
  return principal.institutionCode;
}
