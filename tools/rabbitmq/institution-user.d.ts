// Types of institution-user.js, for the TypeScript test that imports it.

export declare const Names: { commandsExchange: string; repliesExchange: string };

export declare class UsageError extends Error {}

export declare class ManagementError extends Error {
  readonly status: number | undefined;
}

export interface VhostPermissions {
  configure: string;
  write: string;
  read: string;
}

export interface TopicPermission {
  exchange: string;
  write: string;
  read: string;
}

export interface PermissionPlan {
  user: string;
  permissions: VhostPermissions;
  topicPermissions: TopicPermission[];
}

export declare class ManagementApi {
  constructor(options: {
    url: string;
    user: string;
    password: string;
    timeoutMs?: number;
    fetchImpl?: typeof fetch;
  });
  request(
    method: string,
    path: string,
    options?: { body?: unknown; ok?: number[] },
  ): Promise<{ status: number; body: unknown }>;
  checkAdministrator(): Promise<void>;
}

export declare function validateCode(code: string): string;
export declare function institutionUser(code: string): string;
export declare function permissionPlan(code: string): PermissionPlan;

export declare function createInstitutionUser(
  api: ManagementApi,
  options: { code: string; vhost?: string; password?: string },
): Promise<{ user: string; created: boolean; password: string | undefined }>;

export declare function deleteInstitutionUser(
  api: ManagementApi,
  options: { code: string },
): Promise<{ user: string; deleted: boolean }>;

export declare function main(
  argv: string[],
  io?: {
    stdout?: { write(text: string): unknown };
    stderr?: { write(text: string): unknown };
    env?: Record<string, string | undefined>;
  },
): Promise<number>;
