import type { Role } from './role';

/** Who a request speaks for, as its verified bearer token says. */
export interface Principal {
  /** The token's `sub`: `inst-<code>` for an institution, the person number for a student. */
  subject: string;
  roles: Role[];
  /** The institution's BRIN code; always present when `roles` holds `institution`. */
  institutionCode?: string;
}

/** A request the AuthGuard let through carries its principal. */
export interface AuthenticatedRequest {
  principal?: Principal;
}
