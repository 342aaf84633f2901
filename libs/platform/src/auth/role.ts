/** The roles a bearer token can grant (CONTRACT.md, "HTTP: register"). */
export const Roles = ['institution', 'student', 'helpdesk', 'ops'] as const;
export type Role = (typeof Roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Roles as readonly string[]).includes(value);
}
