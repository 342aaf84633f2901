import { partnerEnvName } from '../domain/partner-id';

/**
 * `PARTNER_<ID>_SECRET` and `PARTNER_<ID>_URL` (the id upper-cased, dashes as
 * underscores): a webhook's secret and URL from the environment, so that a secret
 * need not be written in the partners file. They win over the file.
 */
const VARIABLE_PATTERN = /^PARTNER_([A-Z0-9_]+)_(SECRET|URL)$/;

/** The partner variables of an environment; empty ones count as unset. */
export function partnerVariablesFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => VARIABLE_PATTERN.test(entry[0]) && !!entry[1],
    ),
  );
}

export interface VariablesApplied {
  /** The file's partners with the variables written into their transports. */
  partners: unknown[];
  problems: string[];
}

/**
 * Writes the variables into the partners of the parsed file, before it is validated (so
 * a secret from the environment is checked like one from the file). A variable that
 * names no partner, or a partner reached through a queue, is a mistake: it is reported.
 */
export function applyPartnerVariables(
  partners: unknown[],
  variables: Record<string, string>,
): VariablesApplied {
  const problems: string[] = [];
  const used = new Set<string>();
  const applied = partners.map((partner) => {
    const id = (partner as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return partner;
    const overrides = overridesOf(id, variables);
    if (overrides.length === 0) return partner;
    overrides.forEach(([name]) => used.add(name));
    const transport = (partner as { transport?: unknown }).transport;
    if ((transport as { kind?: unknown } | null)?.kind !== 'webhook') {
      for (const [name] of overrides) {
        problems.push(
          `${name}: partner "${id}" is not a webhook partner, so it takes no URL or secret`,
        );
      }
      return partner;
    }
    const written = Object.fromEntries(overrides.map(([, field, value]) => [field, value]));
    return {
      ...(partner as object),
      transport: { ...(transport as object), ...written },
    };
  });
  for (const name of Object.keys(variables)
    .filter((n) => !used.has(n))
    .sort()) {
    problems.push(`${name}: names no partner in the partners file`);
  }
  return { partners: applied, problems };
}

function overridesOf(
  partnerId: string,
  variables: Record<string, string>,
): [name: string, field: 'secret' | 'url', value: string][] {
  const prefix = `PARTNER_${partnerEnvName(partnerId)}`;
  return (
    [
      [`${prefix}_SECRET`, 'secret'],
      [`${prefix}_URL`, 'url'],
    ] as const
  )
    .filter(([name]) => variables[name] !== undefined)
    .map(([name, field]) => [name, field, variables[name]]);
}
