#!/usr/bin/env node
'use strict';
// Creates, updates or deletes an institution's own RabbitMQ user through the management HTTP
// API, with permissions that let it publish only its own commands and read only its own replies.
//
//   node tools/rabbitmq/institution-user.js create <code> [--password <pw> | --password-file <f>]
//     [--vhost /]
//   node tools/rabbitmq/institution-user.js delete <code>
//   both: [--management-url http://127.0.0.1:15672]
//     [--admin-user guest] [--admin-password guest | --admin-password-file <f>]
//
// See tools/rabbitmq/README.md. A generated password is the only thing written to stdout.
const fs = require('node:fs');
const { randomBytes } = require('node:crypto');

/** The broker names this script grants access to; the test checks them against topology.ts. */
const Names = {
  commandsExchange: 'register.commands',
  repliesExchange: 'register.replies',
};

const CODE_PATTERN = /^[0-9]{2}[A-Z]{2}$/;
const DEFAULTS = {
  vhost: '/',
  managementUrl: 'http://127.0.0.1:15672',
  adminUser: 'guest',
  adminPassword: 'guest',
};

/** A mistake in how the script was called: exit code 2, with the usage. */
class UsageError extends Error {}

/** A failure talking to the management API, with a message an operator can act on. */
class ManagementError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function validateCode(code) {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) {
    throw new UsageError(
      `invalid institution code ${JSON.stringify(code)}: expected a BRIN code, two digits and ` +
        'two capital letters (e.g. 21PA)',
    );
  }
  return code;
}

const institutionUser = (code) => `inst-${validateCode(code)}`;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the institution may do. RabbitMQ matches the vhost patterns against queue and exchange
 * names alike: the institution configures (declares, deletes) only `inst-<code>.*`, writes
 * (publishes to; binds queues to) register.commands and its own queues, and reads (consumes
 * from; binds from) register.replies and its own queues. The topic permissions then narrow
 * the routing keys: publishing to register.commands and binding to register.replies only
 * with `institution.<code>.` keys. `^$` grants nothing the vhost permissions would allow.
 */
function permissionPlan(code) {
  validateCode(code);
  const own = `inst-${code}\\..*`;
  const institutionKeys = `^institution\\.${code}\\.`;
  return {
    user: institutionUser(code),
    permissions: {
      configure: `^${own}$`,
      write: `^(${escapeRegex(Names.commandsExchange)}|${own})$`,
      read: `^(${escapeRegex(Names.repliesExchange)}|${own})$`,
    },
    topicPermissions: [
      { exchange: Names.commandsExchange, write: institutionKeys, read: '^$' },
      { exchange: Names.repliesExchange, write: '^$', read: institutionKeys },
    ],
  };
}

const generatePassword = () => randomBytes(24).toString('base64url');

/** The management HTTP API of one broker, as an administrator. */
class ManagementApi {
  constructor({ url, user, password, timeoutMs = 10_000, fetchImpl = fetch }) {
    this.base = url.replace(/\/+$/, '');
    this.user = user;
    this.auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.timeoutMs = timeoutMs;
    this.fetch = fetchImpl;
  }

  /** `{ status, body }`; throws a ManagementError on a network failure or an unexpected status. */
  async request(method, path, { body, ok = [] } = {}) {
    let response;
    try {
      response = await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = error.cause?.code || error.cause?.message || error.message;
      throw new ManagementError(
        `cannot reach the RabbitMQ management API at ${this.base} (${cause}): is the ` +
          'management plugin enabled (`rabbitmq-plugins enable rabbitmq_management`) and is ' +
          '--management-url right?',
      );
    }
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const { status } = response;
    if ((status >= 200 && status < 300) || ok.includes(status)) return { status, body: parsed };
    if (status === 401) {
      throw new ManagementError(
        `the management API at ${this.base} refused user ${this.user} (401): check ` +
          '--admin-user and --admin-password (the user needs the administrator tag)',
        status,
      );
    }
    const reason = parsed?.reason || parsed?.error || text.trim().slice(0, 200) || '(no body)';
    throw new ManagementError(
      `${method} ${this.base}${path} failed: ${status} ${response.statusText}: ${reason}`,
      status,
    );
  }

  /** Checks that the API answers and that our user may manage users and permissions. */
  async checkAdministrator() {
    const { body } = await this.request('GET', '/api/whoami');
    if (!body || typeof body.name !== 'string') {
      throw new ManagementError(
        `${this.base} does not look like the RabbitMQ management API (GET /api/whoami)`,
      );
    }
    const tags = Array.isArray(body.tags) ? body.tags : String(body.tags ?? '').split(',');
    if (!tags.includes('administrator')) {
      throw new ManagementError(
        `user ${body.name} lacks the administrator tag, which managing users takes`,
      );
    }
  }
}

const seg = (text) => encodeURIComponent(text);

/**
 * Creates the institution's user, or updates an existing one: sets the password when one is
 * given (keeping the current one otherwise), removes any tags, and sets the permissions. Topic
 * permissions are set before the vhost permissions, so that at no moment the user may use the
 * vhost without the routing-key restrictions. Returns `{ user, created, password }`, where
 * `password` is the generated one (undefined when given or kept).
 */
async function createInstitutionUser(api, { code, vhost = DEFAULTS.vhost, password }) {
  const plan = permissionPlan(code);
  await api.checkAdministrator();
  const vhostAnswer = await api.request('GET', `/api/vhosts/${seg(vhost)}`, { ok: [404] });
  if (vhostAnswer.status === 404) {
    throw new ManagementError(`vhost ${JSON.stringify(vhost)} does not exist on the broker`, 404);
  }

  const existing = await api.request('GET', `/api/users/${seg(plan.user)}`, { ok: [404] });
  const created = existing.status === 404;
  let generated;
  let user;
  if (password !== undefined) {
    user = { password, tags: '' };
  } else if (created) {
    generated = generatePassword();
    user = { password: generated, tags: '' };
  } else {
    // Keeps the password: the API takes the hash back as it gave it.
    user = {
      password_hash: existing.body.password_hash,
      hashing_algorithm: existing.body.hashing_algorithm,
      tags: '',
    };
  }
  await api.request('PUT', `/api/users/${seg(plan.user)}`, { body: user });

  for (const topic of plan.topicPermissions) {
    await api.request('PUT', `/api/topic-permissions/${seg(vhost)}/${seg(plan.user)}`, {
      body: topic,
    });
  }
  await api.request('PUT', `/api/permissions/${seg(vhost)}/${seg(plan.user)}`, {
    body: plan.permissions,
  });
  return { user: plan.user, created, password: generated };
}

/**
 * Deletes the institution's user with its permissions in every vhost; RabbitMQ closes the
 * user's open connections itself. A missing user is not an error. Returns `{ user, deleted }`.
 */
async function deleteInstitutionUser(api, { code }) {
  const name = institutionUser(code);
  await api.checkAdministrator();
  const answer = await api.request('DELETE', `/api/users/${seg(name)}`, { ok: [404] });
  return { user: name, deleted: answer.status !== 404 };
}

const USAGE = `usage:
  node tools/rabbitmq/institution-user.js create <code> [--password <pw> | --password-file <file>]
  node tools/rabbitmq/institution-user.js delete <code>
options:
  --vhost <vhost>                 create only; default /
  --management-url <url>          default http://127.0.0.1:15672, or RABBITMQ_MANAGEMENT_URL
  --admin-user <user>             default guest, or RABBITMQ_ADMIN_USER
  --admin-password <pw>           default guest, or RABBITMQ_ADMIN_PASSWORD
  --admin-password-file <file>
<code> is the institution's BRIN code (e.g. 21PA); the user is inst-<code>.
A generated password is printed to stdout, once; everything else goes to stderr.`;

const OPTIONS = {
  '--password': 'password',
  '--password-file': 'passwordFile',
  '--vhost': 'vhost',
  '--management-url': 'managementUrl',
  '--admin-user': 'adminUser',
  '--admin-password': 'adminPassword',
  '--admin-password-file': 'adminPasswordFile',
};

function readSecretFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error.message}`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw new UsageError(`${file} is empty`);
  return secret;
}

function parseArgs(argv, env = process.env) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    if (!flag.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const key = OPTIONS[flag];
    if (!key) throw new UsageError(`unknown option ${flag}`);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    options[key] = value;
  }
  const [command, code, ...rest] = positional;
  if (command !== 'create' && command !== 'delete') {
    throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }
  if (code === undefined) throw new UsageError(`${command} needs an institution code`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
  validateCode(code);

  if (options.password !== undefined && options.passwordFile !== undefined) {
    throw new UsageError('give --password or --password-file, not both');
  }
  if (command === 'delete' && (options.password ?? options.passwordFile) !== undefined) {
    throw new UsageError('delete takes no password');
  }
  if (command === 'delete' && options.vhost !== undefined) {
    // Users are broker-wide: deleting one removes its access to every vhost at once.
    throw new UsageError('delete removes the user from every vhost: --vhost does not apply');
  }
  if (options.adminPassword !== undefined && options.adminPasswordFile !== undefined) {
    throw new UsageError('give --admin-password or --admin-password-file, not both');
  }
  const password =
    options.passwordFile !== undefined ? readSecretFile(options.passwordFile) : options.password;
  if (password === '') throw new UsageError('the password must not be empty');
  return {
    command,
    code,
    password,
    vhost: options.vhost ?? DEFAULTS.vhost,
    managementUrl: options.managementUrl ?? env.RABBITMQ_MANAGEMENT_URL ?? DEFAULTS.managementUrl,
    adminUser: options.adminUser ?? env.RABBITMQ_ADMIN_USER ?? DEFAULTS.adminUser,
    adminPassword:
      options.adminPasswordFile !== undefined
        ? readSecretFile(options.adminPasswordFile)
        : (options.adminPassword ?? env.RABBITMQ_ADMIN_PASSWORD ?? DEFAULTS.adminPassword),
  };
}

/** Runs the command line; returns the exit code (0 done, 1 failed, 2 wrong usage). */
async function main(argv, { stdout = process.stdout, stderr = process.stderr, env } = {}) {
  const say = (line) => stderr.write(`${line}\n`);
  let args;
  try {
    args = parseArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const api = new ManagementApi({
    url: args.managementUrl,
    user: args.adminUser,
    password: args.adminPassword,
  });
  try {
    if (args.command === 'create') {
      const result = await createInstitutionUser(api, args);
      say(
        `${result.created ? 'created' : 'updated'} RabbitMQ user ${result.user} with the ` +
          `permissions of institution ${args.code} in vhost ${args.vhost}`,
      );
      if (result.password !== undefined) {
        say('generated password (shown only now; store it for the institution):');
        stdout.write(`${result.password}\n`);
      } else {
        say(args.password !== undefined ? 'password set' : 'password unchanged');
      }
      say(`messages must carry the property user_id=${result.user}`);
    } else {
      const result = await deleteInstitutionUser(api, args);
      say(
        result.deleted
          ? `deleted RabbitMQ user ${result.user}`
          : `RabbitMQ user ${result.user} did not exist`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ManagementError || error instanceof UsageError)) throw error;
    say(`error: ${error.message}`);
    return 1;
  }
}

module.exports = {
  Names,
  UsageError,
  ManagementError,
  ManagementApi,
  validateCode,
  institutionUser,
  permissionPlan,
  createInstitutionUser,
  deleteInstitutionUser,
  parseArgs,
  main,
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`error: ${error.stack || error.message}\n`);
      process.exitCode = 1;
    },
  );
}
