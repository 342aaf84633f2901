'use strict';
// The arguments of `npm run token`, checked: a bad one stops the command with a clear message.
const { parseArgs } = require('node:util');

const ROLES = ['institution', 'student', 'helpdesk', 'ops'];
const INSTITUTION_CODE = /^[0-9]{2}[A-Z]{2}$/; // BRIN: two digits, two capital letters
const DEFAULT_TTL_SECONDS = 3600;

const USAGE = `usage: npm run --silent token -- --role <role> [--institution <code>] [--sub <id>] [--ttl <seconds>]
  --role         ${ROLES.join(' | ')}
  --institution  the institution's BRIN code (e.g. 21PA); required for --role institution
  --sub          the subject; a student's person number (BSN or education number).
                 Default: inst-<code> for an institution, else the role's name
  --ttl          lifetime in seconds (default ${DEFAULT_TTL_SECONDS})`;

class UsageError extends Error {}

/** `{ role, institutionCode?, sub, ttlSeconds }`, or `{ help: true }`; throws a UsageError. */
function parseTokenArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        institution: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };

  const { role, institution, sub } = values;
  if (!role) throw new UsageError('--role is required');
  if (!ROLES.includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
  }
  if (role === 'institution' && !institution) {
    throw new UsageError('--role institution needs --institution <code> (a BRIN code like 21PA)');
  }
  if (role !== 'institution' && institution !== undefined) {
    throw new UsageError('--institution is only for --role institution');
  }
  if (institution !== undefined && !INSTITUTION_CODE.test(institution)) {
    throw new UsageError(
      `--institution must be a BRIN code: two digits and two capital letters (got "${institution}")`,
    );
  }
  if (sub !== undefined && sub.trim() === '') throw new UsageError('--sub must not be empty');

  const ttlText = values.ttl ?? String(DEFAULT_TTL_SECONDS);
  if (!/^[1-9][0-9]*$/.test(ttlText) || !Number.isSafeInteger(Number(ttlText))) {
    throw new UsageError(`--ttl must be a whole number of seconds above 0 (got "${ttlText}")`);
  }
  return {
    role,
    ...(institution === undefined ? {} : { institutionCode: institution }),
    sub: sub ?? (role === 'institution' ? `inst-${institution}` : role),
    ttlSeconds: Number(ttlText),
  };
}

module.exports = { parseTokenArgs, UsageError, USAGE, ROLES };
