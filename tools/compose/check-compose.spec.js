// The compose check refuses default credentials: each case breaks the shipped file in one way.
'use strict';
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const script = path.join(__dirname, 'check-compose.js');
const shipped = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const envExample = fs.readFileSync(path.join(root, '.env.example'), 'utf8');

let dir;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-compose-check-'));
  fs.writeFileSync(path.join(dir, '.env.example'), envExample);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the check on `text` as docker-compose.yml beside the shipped .env.example. */
function check(text) {
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, text);
  const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The shipped file with one exact piece replaced (which must be there). */
function changed(from, to) {
  expect(shipped).toContain(from);
  return shipped.split(from).join(to);
}

describe('npm run check:compose', () => {
  it('passes the shipped docker-compose.yml', () => {
    expect(check(shipped)).toEqual({ code: 0, output: expect.stringContaining('valid') });
  });

  it.each([
    [
      "RabbitMQ's guest/guest",
      () =>
        changed(
          'RABBITMQ_DEFAULT_USER: ${RABBITMQ_USER:?set RABBITMQ_USER}\n      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}',
          'RABBITMQ_DEFAULT_USER: guest\n      RABBITMQ_DEFAULT_PASS: guest',
        ),
      /RABBITMQ_DEFAULT_(USER|PASS) has a literal value/,
    ],
    [
      'a broker URL with guest in it',
      () =>
        changed(
          'amqp://${RABBITMQ_USER:?set RABBITMQ_USER}:${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}@rabbitmq:5672',
          'amqp://guest:guest@rabbitmq:5672',
        ),
      /literal user \("guest"\)/,
    ],
    [
      'a broker URL without credentials (guest by default)',
      () =>
        changed(
          'amqp://${RABBITMQ_USER:?set RABBITMQ_USER}:${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}@rabbitmq:5672',
          'amqp://rabbitmq:5672',
        ),
      /amqp:\/\/ URL without a user and password/,
    ],
    [
      'a password with a default of guest',
      () => changed('${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}', '${RABBITMQ_PASSWORD:-guest}'),
      /RABBITMQ_PASSWORD:-guest.*literal default/,
    ],
    [
      'RabbitMQ without its default user settings',
      () =>
        changed(
          '      RABBITMQ_DEFAULT_USER: ${RABBITMQ_USER:?set RABBITMQ_USER}\n      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}\n',
          '      RABBITMQ_NODENAME: rabbit@rabbitmq\n',
        ),
      /RabbitMQ without RABBITMQ_DEFAULT_PASS creates the guest\/guest account/,
    ],
    [
      'the example Mongo password',
      () =>
        changed(
          'MONGO_INITDB_ROOT_PASSWORD: ${MONGO_ROOT_PASSWORD:?set MONGO_ROOT_PASSWORD}',
          'MONGO_INITDB_ROOT_PASSWORD: example',
        ),
      /MONGO_INITDB_ROOT_PASSWORD has a literal value/,
    ],
    [
      'an empty default Mongo password',
      () => changed('${MONGO_ROOT_PASSWORD:?set MONGO_ROOT_PASSWORD}', '${MONGO_ROOT_PASSWORD:-}'),
      /MONGO_ROOT_PASSWORD:-.*literal default/,
    ],
    [
      'a Mongo password that may be unset',
      () => changed('${MONGO_ROOT_PASSWORD:?set MONGO_ROOT_PASSWORD}', '${MONGO_ROOT_PASSWORD}'),
      /MONGO_ROOT_PASSWORD.*must be required/,
    ],
    [
      'MongoDB without a root user (no authentication)',
      () =>
        changed(
          '      MONGO_INITDB_ROOT_USERNAME: ${MONGO_ROOT_USERNAME:?set MONGO_ROOT_USERNAME}\n      MONGO_INITDB_ROOT_PASSWORD: ${MONGO_ROOT_PASSWORD:?set MONGO_ROOT_PASSWORD}\n',
          '      TZ: UTC\n',
        ),
      /MongoDB without MONGO_INITDB_ROOT_PASSWORD runs without authentication/,
    ],
    [
      'a database URL without credentials',
      () =>
        changed(
          'mongodb://${MONGO_ROOT_USERNAME:?set MONGO_ROOT_USERNAME}:${MONGO_ROOT_PASSWORD:?set MONGO_ROOT_PASSWORD}@mongodb:27017',
          'mongodb://mongodb:27017',
        ),
      /mongodb:\/\/ URL without a user and password/,
    ],
    [
      'a default signing key secret',
      () =>
        changed(
          '${EXTRACT_SIGNING_KEYS:?set EXTRACT_SIGNING_KEYS}',
          '${EXTRACT_SIGNING_KEYS:-{"keys":[]}}',
        ),
      /EXTRACT_SIGNING_KEYS.*literal default/,
    ],
    [
      'a literal partner secret',
      () =>
        changed(
          "      PROPAGATION_PORT: '3002'\n",
          "      PROPAGATION_PORT: '3002'\n      PARTNER_HOOK_SECRET: dev-secret\n",
        ),
      /PARTNER_HOOK_SECRET has a literal value/,
    ],
  ])('refuses %s', (_name, text, message) => {
    const { code, output } = check(text());
    expect(code).toBe(1);
    expect(output).toMatch(message);
  });
});
