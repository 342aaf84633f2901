import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '@rod/platform';
import type { Partner } from '../domain/partner';
import { parsePartnersFile } from './parse-partners-file';

/** The settings the partners come from (PropagationConfig has them). */
export interface PartnersSettings {
  PROPAGATION_PARTNERS_FILE: string;
  partnerVariables: Record<string, string>;
}

/**
 * Reads and checks the partners file, with the partner variables applied. A relative
 * path is taken from the working directory (the repository root when the service is run
 * with `node tools/run-service.js`). Anything wrong stops start-up with a ConfigError.
 */
export function loadPartners(settings: PartnersSettings, cwd = process.cwd()): Partner[] {
  const file = resolve(cwd, settings.PROPAGATION_PARTNERS_FILE);
  const label = `PROPAGATION_PARTNERS_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError([
      `${label}: cannot read the file (${reason}); a relative path starts from ${cwd}`,
    ]);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    // V8 quotes a piece of the text in its message; the file may hold secrets.
    const where = /at position \d+/.exec(String(error))?.[0];
    throw new ConfigError([`${label}: is not valid JSON${where ? ` (${where})` : ''}`]);
  }
  const parsed = parsePartnersFile(content, settings.partnerVariables, label);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  return parsed.partners;
}
