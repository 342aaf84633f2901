#!/usr/bin/env node
// Checks docker-compose.yml without a Docker engine (none runs on the project's machines, so
// `docker compose config` is not available):
//   1. it is valid against the official Compose specification JSON Schema
//      (compose-spec/compose-spec, schema/compose-spec.json, Apache-2.0), as shipped in the
//      `dclint` npm package (schemas/compose.schema.json, which its maintainers' script
//      update-compose-schema downloads from compose-spec); update dclint to follow the spec;
//   2. no credential has a literal value or default: every user name, password, secret, token
//      or key, and the user and password inside any URL, comes from a variable required with
//      `${NAME:?message}`, and RabbitMQ's `guest` account appears nowhere;
//   3. every variable required with `:?` is listed in .env.example beside the file;
//   4. no default account is left open: a RabbitMQ image sets RABBITMQ_DEFAULT_USER and
//      RABBITMQ_DEFAULT_PASS (without them the broker creates guest/guest), a MongoDB image
//      MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD (without them it has no
//      authentication), each possibly as its _FILE variant; and every amqp:// or mongodb://
//      URL names a user and a password (one without would log in as guest, or unauthenticated).
//
// Usage: node tools/compose/check-compose.js [path/to/docker-compose.yml]   (npm run check:compose)
// Exit 0 and one line when all is well, 1 with the problems listed, 2 when it cannot check.
//
// The file is validated as written, before interpolation (docker compose interpolates first):
// a `${VAR}` only passes where the schema accepts a string.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const root = path.resolve(__dirname, '..', '..');
const composeFile = path.resolve(process.argv[2] || path.join(root, 'docker-compose.yml'));
const shownName = path.relative(process.cwd(), composeFile) || composeFile;

/** Variable names that hold credentials (RABBITMQ_DEFAULT_PASS, MONGO_ROOT_PASSWORD, API_KEY…). */
const CREDENTIAL_NAME =
  /(^|_)(USER|USERNAME|LOGIN|PASS|PASSWORD|PASSWD|PASSPHRASE|SECRETS?|TOKENS?|KEYS?|CREDENTIALS?)$/i;
/** Well-known default credentials that must never reach a deployment. */
const DEFAULT_CREDENTIAL = /\bguest\b/i;

function fail(message) {
  console.error(`${shownName}: ${message}`);
  process.exit(2);
}

function loadSchema() {
  let schemaFile;
  try {
    const pkgFile = require.resolve('dclint/package.json');
    schemaFile = path.join(path.dirname(pkgFile), 'schemas', 'compose.schema.json');
  } catch {
    fail('cannot find the Compose schema: the `dclint` dev dependency is not installed (npm ci)');
  }
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  // The schema names its dialect as https://json-schema.org/draft-07/schema, which Ajv knows
  // only under its http://…# id; Ajv's default class is draft-07, so the declaration can go.
  const { $schema, ...body } = schema;
  if ($schema && !/draft-07/.test($schema)) {
    fail(`the Compose schema now declares ${$schema}; update check-compose.js to that dialect`);
  }
  return body;
}

/**
 * Every `${…}` and `$NAME` in a string, nested defaults included (`nested: true`, positions
 * still relative to `text`); `$$` is a literal `$`.
 */
function interpolations(text, offset = 0, nested = false) {
  const found = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '$') {
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      i += 2;
    } else if (next === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
        j += 1;
      }
      const inner = text.slice(i + 2, depth === 0 ? j - 1 : j);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(inner);
      found.push({
        raw: text.slice(i, j),
        start: offset + i,
        end: offset + j,
        name: match ? match[1] : null,
        op: match ? match[2] || '' : null,
        arg: match ? match[3] || '' : '',
        malformed: !match || depth !== 0,
        nested,
      });
      if (match && match[3]) {
        const argStart = i + 2 + match[1].length + match[2].length;
        found.push(...interpolations(match[3], offset + argStart, true));
      }
      i = j;
    } else if (next && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))[0];
      const end = i + 1 + name.length;
      found.push({
        raw: text.slice(i, end),
        start: offset + i,
        end: offset + end,
        name,
        op: '',
        arg: '',
        malformed: false,
        nested,
      });
      i = end;
    } else {
      i += 1;
    }
  }
  return found;
}

/** Top-level interpolations only (nested ones live inside their parent's range). */
function outerInterpolations(text) {
  return interpolations(text).filter((x) => !x.nested);
}

function requiredForm(name) {
  return `\${${name}:?message}`;
}

/** Problems with how a credential variable is interpolated. */
function checkCredentialInterpolation(x, where, problems, why) {
  if (x.op === ':?') return;
  if (x.op === ':-' || x.op === '-') {
    problems.push({
      where,
      message: `${x.raw}: ${why} has a literal default; use ${requiredForm(x.name)}`,
    });
  } else if (x.op === ':+' || x.op === '+') {
    problems.push({
      where,
      message: `${x.raw}: ${why} is replaced by a literal; use ${requiredForm(x.name)}`,
    });
  } else {
    problems.push({
      where,
      message: `${x.raw}: ${why} must be required, so that compose refuses to start without it; use ${requiredForm(x.name)}`,
    });
  }
}

/** Credential rules on one string found at `where`. */
function checkString(text, where, problems, required) {
  const before = problems.length;
  const found = interpolations(text);
  for (const x of found) {
    if (x.malformed) {
      problems.push({ where, message: `${x.raw}: not a valid interpolation` });
      continue;
    }
    if (x.op === ':?') required.add(x.name);
    if (CREDENTIAL_NAME.test(x.name) && x.name !== 'PWD') {
      checkCredentialInterpolation(x, where, problems, `credential ${x.name}`);
    }
  }
  // user:password@ in URLs: each part must be made only of required variables (each outer
  // interpolation is masked as \uE000<n>\uE000, a private-use character, to find the URL).
  const outer = outerInterpolations(text);
  let masked = '';
  let last = 0;
  outer.forEach((x, n) => {
    masked += text.slice(last, x.start) + `\uE000${n}\uE000`;
    last = x.end;
  });
  masked += text.slice(last);
  for (const m of masked.matchAll(/([a-z][a-z0-9+.-]*):\/\/([^\s/?#@]*)@/gi)) {
    const userinfo = m[2];
    const colon = userinfo.indexOf(':');
    const parts =
      colon < 0
        ? [['user', userinfo]]
        : [
            ['user', userinfo.slice(0, colon)],
            ['password', userinfo.slice(colon + 1)],
          ];
    for (const [label, part] of parts) {
      const literal = part.replace(/\uE000\d+\uE000/g, '');
      if (literal !== '') {
        problems.push({
          where,
          message: `${m[1]}:// URL has a literal ${label} ("${literal}"); take it from a required variable`,
        });
      }
      for (const ref of part.matchAll(/\uE000(\d+)\uE000/g)) {
        const x = outer[Number(ref[1])];
        const reported = CREDENTIAL_NAME.test(x.name) && x.name !== 'PWD';
        if (!x.malformed && !reported) {
          checkCredentialInterpolation(x, where, problems, `the ${label} in a ${m[1]}:// URL`);
        }
      }
    }
  }
  if (problems.length === before && DEFAULT_CREDENTIAL.test(text)) {
    problems.push({
      where,
      message: `"${text}" mentions the default guest account; use the credentials from the environment`,
    });
  }
}

/** Environment-like entries (dict or KEY=VALUE list) as [key, value, pathSegment] triples. */
function entries(listOrDict) {
  if (Array.isArray(listOrDict)) {
    return listOrDict
      .map((item, index) => {
        if (typeof item !== 'string') return null;
        const eq = item.indexOf('=');
        return eq < 0 ? [item, null, index] : [item.slice(0, eq), item.slice(eq + 1), index];
      })
      .filter(Boolean);
  }
  if (listOrDict && typeof listOrDict === 'object') {
    return Object.entries(listOrDict).map(([key, value]) => [key, value, key]);
  }
  return [];
}

/** Images whose first start creates an open or well-known account unless these are set. */
const ACCOUNT_SETTINGS = [
  {
    image: /^(docker\.io\/)?(library\/)?rabbitmq(:|@|$)/,
    what: 'RabbitMQ',
    settings: ['RABBITMQ_DEFAULT_USER', 'RABBITMQ_DEFAULT_PASS'],
    without: 'creates the guest/guest account',
  },
  {
    image: /^(docker\.io\/)?(library\/)?mongo(:|@|$)/,
    what: 'MongoDB',
    settings: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
    without: 'runs without authentication',
  },
];

function checkDefaultAccounts(config) {
  const problems = [];
  for (const [name, service] of Object.entries(config.services || {})) {
    if (!service || typeof service.image !== 'string') continue;
    const kind = ACCOUNT_SETTINGS.find((k) => k.image.test(service.image));
    if (!kind) continue;
    const set = new Set(entries(service.environment).map(([key]) => key));
    for (const setting of kind.settings) {
      if (set.has(setting) || set.has(`${setting}_FILE`)) continue;
      problems.push({
        where: ['services', name],
        message: `${kind.what} without ${setting} ${kind.without}; set it from a required variable`,
      });
    }
  }
  return problems;
}

/** A broker or database URL without a user and password: guest, or no authentication at all. */
function checkUrlsHaveCredentials(text, where, problems) {
  const masked = text.replace(/\$\{[^}]*\}/g, 'VAR');
  for (const m of masked.matchAll(/\b(amqps?|mongodb(?:\+srv)?):\/\/([^\s/?#]*)/gi)) {
    const authority = m[2];
    const at = authority.lastIndexOf('@');
    const userinfo = at < 0 ? '' : authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (at < 0 || colon <= 0 || colon === userinfo.length - 1) {
      problems.push({
        where,
        message: `${m[1]}:// URL without a user and password; take both from required variables`,
      });
    }
  }
}

function checkCredentials(config) {
  const problems = [];
  const required = new Set();
  // Every string anywhere (keys of environment lists included, as they are strings in a list).
  const walk = (value, segments) => {
    if (typeof value === 'string') {
      checkString(value, segments, problems, required);
      checkUrlsHaveCredentials(value, segments, problems);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...segments, i]));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...segments, key]);
    }
  };
  walk(config, []);
  // A credential-named setting must be nothing but interpolations (or absent, passed through).
  const credentialSettings = [];
  for (const [name, service] of Object.entries(config.services || {})) {
    if (!service || typeof service !== 'object') continue;
    credentialSettings.push([service.environment, ['services', name, 'environment']]);
    if (service.build && typeof service.build === 'object') {
      credentialSettings.push([service.build.args, ['services', name, 'build', 'args']]);
    }
  }
  for (const [block, segments] of credentialSettings) {
    for (const [key, value, segment] of entries(block)) {
      if (!CREDENTIAL_NAME.test(key) || value === null || value === undefined) continue;
      const where = [...segments, segment];
      if (typeof value !== 'string') {
        problems.push({ where, message: `${key} has the literal value ${JSON.stringify(value)}` });
        continue;
      }
      const outer = outerInterpolations(value);
      const literal = outer.reduceRight(
        (text, x) => text.slice(0, x.start) + text.slice(x.end),
        value,
      );
      if (outer.length === 0 || literal !== '') {
        problems.push({
          where,
          message: `${key} has a literal value; set it from a variable: ${key}: ${requiredForm('…')}`,
        });
      }
    }
  }
  return { problems, required };
}

function checkEnvExample(required) {
  const file = path.join(path.dirname(composeFile), '.env.example');
  if (!fs.existsSync(file)) {
    return required.size
      ? [
          {
            where: [],
            message: `.env.example is missing: it should list ${[...required].join(', ')}`,
          },
        ]
      : [];
  }
  const listed = new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line))
      .filter(Boolean)
      .map((m) => m[1]),
  );
  return [...required]
    .filter((name) => !listed.has(name))
    .map((name) => ({
      where: [],
      message: `${name} is required by the file but not listed in .env.example`,
    }));
}

// ---- locating a problem in the YAML source (through anchors and << merges) ----

function resolve(doc, node) {
  let current = node;
  for (let hops = 0; YAML.isAlias(current) && hops < 50; hops += 1) current = current.resolve(doc);
  return current;
}

function isMergeKey(key) {
  return (
    YAML.isScalar(key) &&
    (key.source === '<<' || key.value === '<<' || typeof key.value === 'symbol')
  );
}

function childOf(doc, node, segment, seen = new Set()) {
  const container = resolve(doc, node);
  if (!container || seen.has(container)) return undefined;
  seen.add(container);
  if (YAML.isSeq(container)) return container.items[Number(segment)];
  if (!YAML.isMap(container)) return undefined;
  const own = container.items.find(
    (pair) => YAML.isScalar(pair.key) && String(pair.key.value) === String(segment),
  );
  if (own) return own;
  for (const pair of container.items) {
    if (!isMergeKey(pair.key)) continue;
    const sources = YAML.isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const found = childOf(doc, source, segment, seen);
      if (found) return found;
    }
  }
  return undefined;
}

function lineOf(doc, lineCounter, segments, key) {
  let node = doc.contents;
  let range = node && node.range;
  for (const segment of key === undefined ? segments : [...segments, key]) {
    const child = childOf(doc, node, segment);
    if (!child) break;
    const target = YAML.isPair(child) ? child.key : child;
    if (target && target.range) range = target.range;
    node = YAML.isPair(child) ? child.value : child;
  }
  return range ? lineCounter.linePos(range[0]).line : 1;
}

function pointer(segments) {
  return '/' + segments.map(String).join('/');
}

/**
 * Ajv reports every failed branch of a oneOf/anyOf. Keep what explains the failure: drop the
 * oneOf/anyOf summary when a branch error is reported under it, drop "must be <type>" from the
 * branches that failed at once when another branch got further, and join the rest.
 */
function reduceSchemaErrors(errors) {
  const below = (error, other) =>
    other !== error &&
    (other.instancePath.startsWith(error.instancePath + '/') ||
      (other.instancePath === error.instancePath &&
        !['type', 'oneOf', 'anyOf'].includes(other.keyword)));
  const kept = errors.filter((error) => {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      return !errors.some(
        (other) => other !== error && other.instancePath.startsWith(error.instancePath),
      );
    }
    if (error.keyword === 'type') return !errors.some((other) => below(error, other));
    return true;
  });
  const types = new Map();
  const result = [];
  for (const error of kept) {
    if (error.keyword !== 'type') {
      result.push(error);
      continue;
    }
    const joined = types.get(error.instancePath);
    if (joined) {
      if (!joined.params.types.includes(error.params.type))
        joined.params.types.push(error.params.type);
      joined.message = `must be ${joined.params.types.join(' or ')}`;
    } else {
      const copy = { ...error, params: { ...error.params, types: [error.params.type] } };
      types.set(error.instancePath, copy);
      result.push(copy);
    }
  }
  return result;
}

function describeSchemaError(error) {
  const { keyword, params } = error;
  if (keyword === 'additionalProperties') return `${error.message}: "${params.additionalProperty}"`;
  if (keyword === 'enum')
    return `${error.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (keyword === 'required') return `${error.message}`;
  return error.message;
}

function main() {
  let source;
  try {
    source = fs.readFileSync(composeFile, 'utf8');
  } catch (error) {
    fail(`cannot read: ${error.message}`);
  }
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(source, {
    lineCounter,
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    console.error(`${shownName}: not valid YAML`);
    for (const error of doc.errors) console.error(`  ${error.message}`);
    process.exit(1);
  }
  const config = doc.toJS({ maxAliasCount: 1000 });
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    console.error(`${shownName}: a Compose file is a mapping at the top level`);
    process.exit(1);
  }

  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false });
  addFormats(ajv);
  const validate = ajv.compile(loadSchema());

  const problems = [];
  const seen = new Set();
  if (!validate(config)) {
    for (const error of reduceSchemaErrors(validate.errors)) {
      const segments = error.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const key =
        error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
      const line = lineOf(doc, lineCounter, segments, key);
      const message = describeSchemaError(error);
      // A mistake inside an anchor shows once, where it is written, not once per << user.
      if (seen.has(`${line}\0${message}`)) continue;
      seen.add(`${line}\0${message}`);
      problems.push({ line, text: `Compose specification: ${pointer(segments)}: ${message}` });
    }
  }

  const { problems: credentialProblems, required } = checkCredentials(config);
  const accountProblems = checkDefaultAccounts(config);
  for (const problem of [...credentialProblems, ...accountProblems, ...checkEnvExample(required)]) {
    const line = problem.where.length ? lineOf(doc, lineCounter, problem.where) : null;
    if (seen.has(`${line}\0${problem.message}`)) continue;
    seen.add(`${line}\0${problem.message}`);
    const text = `${problem.where.length ? pointer(problem.where) + ': ' : ''}${problem.message}`;
    problems.push({ line, text });
  }

  if (problems.length > 0) {
    console.error(`${shownName}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    for (const { line, text } of problems)
      console.error(`  ${line ? `line ${line}: ` : ''}${text}`);
    process.exit(1);
  }
  console.log(`${shownName}: valid against the Compose specification`);
}

main();
