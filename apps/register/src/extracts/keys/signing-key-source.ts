import { ConfigError } from '@rod/platform';
import { readFileSync } from 'node:fs';
import type { SigningJwk } from './signing-key-set';
import { parseSigningKeySet } from './signing-key-set';

/** The settings that give the extract signing keys: exactly one of them. */
export interface SigningKeySettings {
  EXTRACT_SIGNING_KEYS_FILE?: string;
  EXTRACT_SIGNING_KEYS?: string;
}

export type SigningKeySetting = keyof SigningKeySettings;

const FILE: SigningKeySetting = 'EXTRACT_SIGNING_KEYS_FILE';
const SECRET: SigningKeySetting = 'EXTRACT_SIGNING_KEYS';

/**
 * What is wrong with one of the two settings (undefined when nothing), without the
 * setting's name in front: ConfigError lines are `<setting>: <problem>`. Reads the file.
 */
export function signingKeySettingProblem(
  settings: SigningKeySettings,
  setting: SigningKeySetting,
): string | undefined {
  const file = settings.EXTRACT_SIGNING_KEYS_FILE || undefined;
  const secret = settings.EXTRACT_SIGNING_KEYS || undefined;
  if (setting === FILE) {
    if (file === undefined && secret === undefined) {
      return (
        `required: the register signs digital extracts, so set ${FILE} to a JSON file ` +
        `{ "keys": [ <private Ed25519 JWK>, … ] } (or ${SECRET} to the same JSON); ` +
        '`npm run --silent extract-key` makes one'
      );
    }
    if (file !== undefined && secret !== undefined) return `set ${FILE} or ${SECRET}, not both`;
    if (file !== undefined) return readFromFile(file).problem;
    return undefined;
  }
  if (secret !== undefined && file === undefined) return fromText(secret).problem;
  return undefined;
}

/**
 * The configured extract signing keys, the current (signing) one first; a ConfigError
 * naming the setting when they are missing or unusable.
 */
export function readSigningKeys(settings: SigningKeySettings): SigningJwk[] {
  const problems = [FILE, SECRET].flatMap((setting) => {
    const problem = signingKeySettingProblem(settings, setting);
    return problem === undefined ? [] : [`${setting}: ${problem}`];
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const read = settings.EXTRACT_SIGNING_KEYS_FILE
    ? readFromFile(settings.EXTRACT_SIGNING_KEYS_FILE)
    : fromText(settings.EXTRACT_SIGNING_KEYS ?? '');
  return read.keys ?? [];
}

interface Read {
  keys?: SigningJwk[];
  problem?: string;
}

function readFromFile(file: string): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { problem: `cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}` };
  }
  const read = fromText(text);
  return read.problem === undefined ? read : { problem: `${file}: ${read.problem}` };
}

function fromText(text: string): Read {
  const parsed = parseSigningKeySet(text);
  return parsed.ok ? { keys: parsed.keys } : { problem: parsed.problem };
}
