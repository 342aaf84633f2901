import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { connect } from 'amqplib';
import { CommandKeys, Exchanges, Queues, RoutingKeys } from '@rod/contracts';
import { BrokerProbe, eventually, testAmqpUrl } from '@rod/testing';
import { ManagementApi, Names, main, permissionPlan, validateCode } from './institution-user';

const script = join(__dirname, 'institution-user.js');
const repoRoot = resolve(__dirname, '../..');

/** Captures what main() writes. */
function sink(): { write(text: string): boolean; text: () => string } {
  let written = '';
  return {
    write: (text: string) => {
      written += text;
      return true;
    },
    text: () => written,
  };
}

describe('institution-user: the permission plan', () => {
  it('names the exchanges of the contract', () => {
    expect(Names).toEqual({
      commandsExchange: Exchanges.registerCommands,
      repliesExchange: Exchanges.registerReplies,
    });
  });

  it("lets the institution's routing keys through, and no other institution's", () => {
    const plan = permissionPlan('21PA');
    const topic = (exchange: string) => plan.topicPermissions.find((t) => t.exchange === exchange)!;
    const commandsWrite = new RegExp(topic(Exchanges.registerCommands).write);
    const repliesRead = new RegExp(topic(Exchanges.registerReplies).read);
    for (const command of Object.values(CommandKeys)) {
      expect(commandsWrite.test(RoutingKeys.command('21PA', command))).toBe(true);
      expect(commandsWrite.test(RoutingKeys.command('22XY', command))).toBe(false);
    }
    expect(repliesRead.test(RoutingKeys.institutionReplies('21PA'))).toBe(true);
    for (const key of [RoutingKeys.institutionReplies('22XY'), '#', 'institution.#', '*.21PA.#']) {
      expect(repliesRead.test(key)).toBe(false);
    }
    expect(plan.user).toBe('inst-21PA');
  });

  it('refuses anything but a BRIN code', () => {
    for (const code of ['21pa', '2PA', '21PAX', '21P.', 'inst-21PA', '.*', '']) {
      expect(() => validateCode(code)).toThrow(/invalid institution code/);
    }
    expect(validateCode('00ZZ')).toBe('00ZZ');
  });
});

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}
type Answer = { status: number; body?: unknown };

describe('institution-user against a stand-in management API', () => {
  let server: Server;
  let base: string;
  let requests: Recorded[];
  let answer: (method: string, path: string) => Answer | undefined;

  const standard = (method: string, path: string): Answer => {
    if (path === '/api/whoami')
      return { status: 200, body: { name: 'guest', tags: ['administrator'] } };
    if (method === 'GET' && path.startsWith('/api/vhosts/')) return { status: 200, body: {} };
    if (method === 'GET' && path.startsWith('/api/users/')) return { status: 404, body: {} };
    return { status: method === 'PUT' ? 201 : 204 };
  };

  const run = async (...argv: string[]) => {
    const stdout = sink();
    const stderr = sink();
    const code = await main([...argv, '--management-url', base], { stdout, stderr, env: {} });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const method = req.method ?? '';
        const path = req.url ?? '';
        requests.push({
          method,
          path,
          authorization: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        });
        const { status, body } = answer(method, path) ?? standard(method, path);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    requests = [];
    answer = () => undefined;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('creates the user with a generated password, printed alone on stdout, topic permissions first', async () => {
    const { code, stdout, stderr } = await run('create', '21PA');
    expect(code).toBe(0);
    const password = stdout.trim();
    expect(stdout).toBe(`${password}\n`);
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(stderr).toMatch(/created RabbitMQ user inst-21PA/);
    expect(stderr).toMatch(/user_id=inst-21PA/);

    const plan = permissionPlan('21PA');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/whoami',
      'GET /api/vhosts/%2F',
      'GET /api/users/inst-21PA',
      'PUT /api/users/inst-21PA',
      'PUT /api/topic-permissions/%2F/inst-21PA',
      'PUT /api/topic-permissions/%2F/inst-21PA',
      'PUT /api/permissions/%2F/inst-21PA',
    ]);
    expect(requests[3].body).toEqual({ password, tags: '' });
    expect(requests.slice(4, 6).map((r) => r.body)).toEqual(plan.topicPermissions);
    expect(requests[6].body).toEqual(plan.permissions);
    const basic = `Basic ${Buffer.from('guest:guest').toString('base64')}`;
    expect(requests.every((r) => r.authorization === basic)).toBe(true);
  });

  it('updates an existing user: keeps its password, removes its tags, sets the permissions again', async () => {
    const existing = {
      name: 'inst-21PA',
      password_hash: 'kept-hash',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: ['administrator'],
    };
    answer = (method, path) =>
      method === 'GET' && path === '/api/users/inst-21PA'
        ? { status: 200, body: existing }
        : undefined;
    const { code, stdout, stderr } = await run('create', '21PA', '--vhost', 'staging');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/updated RabbitMQ user inst-21PA/);
    expect(stderr).toMatch(/password unchanged/);
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/api/users/inst-21PA');
    expect(put?.body).toEqual({
      password_hash: 'kept-hash',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: '',
    });
    expect(requests.some((r) => r.path === '/api/permissions/staging/inst-21PA')).toBe(true);
  });

  it('sets the password from a file, without its final newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inst-user-'));
    try {
      const file = join(dir, 'password');
      writeFileSync(file, 'from-the-file\n');
      const { code, stdout } = await run('create', '21PA', '--password-file', file);
      expect(code).toBe(0);
      expect(stdout).toBe('');
      const put = requests.find((r) => r.method === 'PUT' && r.path === '/api/users/inst-21PA');
      expect(put?.body).toEqual({ password: 'from-the-file', tags: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, (method: string, path: string) => Answer | undefined, RegExp]>([
    [
      'refused credentials',
      (_m, path) => (path === '/api/whoami' ? { status: 401, body: {} } : undefined),
      /refused user guest \(401\)/,
    ],
    [
      'an administrator tag missing',
      (_m, path) =>
        path === '/api/whoami' ? { status: 200, body: { name: 'ops', tags: [] } } : undefined,
      /ops lacks the administrator tag/,
    ],
    [
      'a missing vhost',
      (m, path) => (m === 'GET' && path === '/api/vhosts/%2F' ? { status: 404 } : undefined),
      /vhost "\/" does not exist/,
    ],
    [
      'a failing request',
      (m, path) =>
        m === 'PUT' && path.startsWith('/api/permissions/')
          ? { status: 500, body: { error: 'Internal Server Error', reason: 'mnesia is down' } }
          : undefined,
      /PUT .*\/api\/permissions\/%2F\/inst-21PA failed: 500 .*mnesia is down/,
    ],
  ])('explains %s', async (_what, respond, message) => {
    answer = respond;
    const { code, stderr, stdout } = await run('create', '21PA');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('explains a management API that does not answer (plugin not enabled)', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const stderr = sink();
    const code = await main(['create', '21PA', '--management-url', `http://127.0.0.1:${port}`], {
      stdout: sink(),
      stderr,
      env: {},
    });
    expect(code).toBe(1);
    expect(stderr.text()).toMatch(/cannot reach the RabbitMQ management API .*ECONNREFUSED/);
    expect(stderr.text()).toMatch(/rabbitmq-plugins enable rabbitmq_management/);
  });

  it('deletes the user, and finds nothing to do the second time', async () => {
    const first = await run('delete', '21PA');
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toMatch(/deleted RabbitMQ user inst-21PA/);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/whoami',
      'DELETE /api/users/inst-21PA',
    ]);
    answer = (m) => (m === 'DELETE' ? { status: 404, body: {} } : undefined);
    const second = await run('delete', '21PA');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/inst-21PA did not exist/);
  });

  it.each([
    [['create', '21pa']],
    [['create']],
    [['rename', '21PA']],
    [['create', '21PA', '--password', 'a', '--password-file', 'b']],
    [['create', '21PA', '--pasword', 'a']],
    [['delete', '21PA', '--vhost', 'staging']],
    [['delete', '21PA', '--password', 'a']],
  ])('refuses the usage %j without calling the API', async (argv) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*\n\nusage:/);
    expect(requests).toEqual([]);
  });
});

// --- The real broker --------------------------------------------------------------------------

const amqpBase = new URL(testAmqpUrl());
const admin = {
  user: decodeURIComponent(amqpBase.username || 'guest'),
  password: decodeURIComponent(amqpBase.password || 'guest'),
};
const managementUrl = (
  process.env.RABBITMQ_MANAGEMENT_URL || `http://${amqpBase.hostname}:15672`
).replace(/\/+$/, '');

/** What the test needs of the broker's administration, by the API or by rabbitmqctl. */
interface BrokerAdmin {
  how: string;
  userExists(user: string): Promise<boolean>;
  createVhost(vhost: string): Promise<void>;
  deleteVhost(vhost: string): Promise<void>;
  deleteUser(user: string): Promise<void>;
  /** Gives the institution its user, the way this admin can; returns the password. */
  createInstitutionUser(code: string, vhost: string): Promise<string>;
}

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      {
        cwd: repoRoot,
        timeout: 30_000,
        env: {
          ...process.env,
          RABBITMQ_MANAGEMENT_URL: managementUrl,
          RABBITMQ_ADMIN_USER: admin.user,
          RABBITMQ_ADMIN_PASSWORD: admin.password,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

function managementAdmin(): BrokerAdmin {
  const api = new ManagementApi({ url: managementUrl, ...admin });
  const seg = encodeURIComponent;
  return {
    how: `the script, through the management API at ${managementUrl}`,
    userExists: async (user) =>
      (await api.request('GET', `/api/users/${seg(user)}`, { ok: [404] })).status !== 404,
    createVhost: async (vhost) => {
      await api.request('PUT', `/api/vhosts/${seg(vhost)}`, { body: {} });
      await api.request('PUT', `/api/permissions/${seg(vhost)}/${seg(admin.user)}`, {
        body: { configure: '.*', write: '.*', read: '.*' },
      });
    },
    deleteVhost: async (vhost) => {
      await api.request('DELETE', `/api/vhosts/${seg(vhost)}`, { ok: [404] });
    },
    deleteUser: async (user) => {
      await api.request('DELETE', `/api/users/${seg(user)}`, { ok: [404] });
    },
    createInstitutionUser: async (code, vhost) => {
      const { code: exit, stdout, stderr } = await runScript(['create', code, '--vhost', vhost]);
      if (exit !== 0) throw new Error(`institution-user.js create failed (${exit}): ${stderr}`);
      expect(stderr).toMatch(new RegExp(`created RabbitMQ user inst-${code}`));
      return stdout.trim();
    },
  };
}

/** A random BRIN-like code, so that concurrent runs and real users are never touched. */
function randomCode(): string {
  const letter = () => String.fromCharCode(65 + randomInt(26));
  return `${randomInt(10)}${randomInt(10)}${letter()}${letter()}`;
}

type AmqpError = Error & { code?: number };

describe('an institution user on the real broker', () => {
  const brokerAdmin = managementAdmin();
  const code = randomCode();
  let other = randomCode();
  while (other === code) other = randomCode();
  const user = `inst-${code}`;
  const otherUser = `inst-${other}`;
  const vhost = `rod-inst-user-${randomUUID().slice(0, 8)}`;
  const ownQueue = `inst-${code}.replies`;
  const commandsQueue = Queues.registerCommands;
  const partnerInbox = Queues.partnerInbox('test');
  let password: string;
  let probe: BrokerProbe;
  let institution: ChannelModel;
  let createdUser = false;

  const urlAs = (name: string, secret: string): string => {
    const url = new URL(amqpBase.toString());
    url.username = encodeURIComponent(name);
    url.password = encodeURIComponent(secret);
    url.pathname = `/${encodeURIComponent(vhost)}`;
    return url.toString();
  };

  const connectAs = async (name: string, secret: string): Promise<ChannelModel> => {
    const connection = await connect(urlAs(name, secret));
    connection.on('error', () => undefined);
    return connection;
  };

  const publish = async (
    channel: ConfirmChannel,
    exchange: string,
    routingKey: string,
    body: unknown,
    userId?: string,
  ): Promise<void> => {
    channel.publish(exchange, routingKey, Buffer.from(JSON.stringify(body)), {
      contentType: 'application/json',
      persistent: true,
      messageId: randomUUID(),
      ...(userId === undefined ? {} : { userId }),
    });
    await channel.waitForConfirms();
  };

  /**
   * Runs an action on a fresh confirm channel of the institution and returns the error with
   * which the broker closed the channel. A refused publish or operation closes the channel.
   */
  const refusal = async (action: (channel: ConfirmChannel) => Promise<unknown>) => {
    const channel = await institution.createConfirmChannel();
    const closedWith = new Promise<AmqpError>((done) => channel.on('error', done));
    const outcome = await action(channel).then(
      () => 'succeeded',
      (error: Error) => `failed (${error.message})`,
    );
    let timer: NodeJS.Timeout | undefined;
    const error = await Promise.race([
      closedWith,
      new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), 3000))),
    ]);
    clearTimeout(timer);
    if (!error) {
      await channel.close().catch(() => undefined);
      throw new Error(`expected the broker to close the channel, but the action ${outcome}`);
    }
    return { code: error.code, message: error.message };
  };

  const accessRefused = { code: 403, message: expect.stringMatching(/ACCESS_REFUSED/) };

  beforeAll(async () => {
    process.stderr.write(
      `[institution-user] creating ${user} in ${vhost} with ${brokerAdmin.how}\n`,
    );
    for (const name of [user, otherUser]) {
      if (await brokerAdmin.userExists(name)) {
        throw new Error(`user ${name} exists on the broker already: not touching it`);
      }
    }
    await brokerAdmin.createVhost(vhost);
    probe = await BrokerProbe.connect(urlAs(admin.user, admin.password));
    // The exchanges as the services declare them, and register's queue with its binding.
    for (const exchange of [
      Exchanges.registerCommands,
      Exchanges.registerReplies,
      Exchanges.resultsEvents,
    ]) {
      await probe.channel.assertExchange(exchange, 'topic', { durable: true });
    }
    await probe.channel.assertQueue(commandsQueue, { durable: true });
    await probe.channel.bindQueue(
      commandsQueue,
      Exchanges.registerCommands,
      RoutingKeys.allCommands,
    );
    await probe.channel.assertQueue(partnerInbox, { durable: true });

    createdUser = true;
    password = await brokerAdmin.createInstitutionUser(code, vhost);
    institution = await connectAs(user, password);
  });

  afterAll(async () => {
    await institution?.close().catch(() => undefined);
    await probe?.close();
    if (createdUser) await brokerAdmin.deleteUser(user);
    await brokerAdmin.deleteVhost(vhost);
  });

  it('publishes each command of its own institution, which reaches the register with its user_id', async () => {
    const channel = await institution.createConfirmChannel();
    const keys = Object.values(CommandKeys).map((command) => RoutingKeys.command(code, command));
    for (const key of keys) await publish(channel, Exchanges.registerCommands, key, { key }, user);
    await channel.close();
    const arrived = await eventually(
      async () => {
        const taken = await probe.drain(commandsQueue);
        return taken.length > 0 ? taken : undefined;
      },
      { what: 'the commands in the register queue' },
    );
    expect(arrived.map((m) => m.routingKey)).toEqual(keys);
    expect(arrived.map((m) => m.properties.userId as unknown)).toEqual(keys.map(() => user));
  });

  it("may not publish another institution's commands (403 ACCESS_REFUSED)", async () => {
    const key = RoutingKeys.command(other, CommandKeys.registerResult);
    await expect(
      refusal((channel) => publish(channel, Exchanges.registerCommands, key, {}, user)),
    ).resolves.toEqual({
      code: 403,
      message: expect.stringMatching(/ACCESS_REFUSED - access to topic '.*' in exchange/),
    });
    expect(await probe.drain(commandsQueue)).toEqual([]);
  });

  it("may not send as another institution's user (406 PRECONDITION_FAILED)", async () => {
    const key = RoutingKeys.command(code, CommandKeys.registerResult);
    await expect(
      refusal((channel) => publish(channel, Exchanges.registerCommands, key, {}, otherUser)),
    ).resolves.toEqual({
      code: 406,
      message: expect.stringMatching(/PRECONDITION_FAILED - user_id property set to/),
    });
    expect(await probe.drain(commandsQueue)).toEqual([]);
  });

  it.each([
    [Exchanges.registerReplies, RoutingKeys.reply('CODE', 'accepted')],
    [Exchanges.resultsEvents, RoutingKeys.resultRegistered],
    ['', Queues.registerCommands],
    ['amq.topic', RoutingKeys.command('CODE', CommandKeys.registerResult)],
  ])('may not publish to exchange %j (403)', async (exchange, key) => {
    const routingKey = key.replace('CODE', code);
    await expect(
      refusal((channel) => publish(channel, exchange, routingKey, {}, user)),
    ).resolves.toEqual(accessRefused);
  });

  it('declares its own queue, binds it to its own replies and receives them', async () => {
    const channel = await institution.createChannel();
    await channel.assertQueue(ownQueue, { durable: true });
    await channel.bindQueue(
      ownQueue,
      Exchanges.registerReplies,
      RoutingKeys.institutionReplies(code),
    );
    const received: ConsumeMessage[] = [];
    await channel.consume(ownQueue, (msg) => msg && received.push(msg), { noAck: true });

    await probe.publishJson(Exchanges.registerReplies, RoutingKeys.reply(other, 'accepted'), {
      for: other,
    });
    await probe.publishJson(Exchanges.registerReplies, RoutingKeys.reply(code, 'rejected'), {
      for: code,
    });
    await eventually(() => (received.length > 0 ? true : undefined), { what: 'the reply' });
    expect(received.map((m) => JSON.parse(m.content.toString()) as unknown)).toEqual([
      { for: code },
    ]);
    expect(received[0].fields.routingKey).toBe(RoutingKeys.reply(code, 'rejected'));
    await channel.close();
  });

  it.each([[RoutingKeys.institutionReplies('OTHER')], ['#'], ['institution.#'], ['*.*.accepted']])(
    'may not bind to register.replies with %j (403)',
    async (key) => {
      const bindingKey = key.replace('OTHER', other);
      await expect(
        refusal((channel) => channel.bindQueue(ownQueue, Exchanges.registerReplies, bindingKey)),
      ).resolves.toEqual({
        code: 403,
        message: expect.stringMatching(/ACCESS_REFUSED - access to topic/),
      });
    },
  );

  it('may not bind its queue to register.commands, to read commands', async () => {
    await expect(
      refusal((channel) =>
        channel.bindQueue(
          ownQueue,
          Exchanges.registerCommands,
          RoutingKeys.institutionReplies(code),
        ),
      ),
    ).resolves.toEqual(accessRefused);
  });

  it.each<[string, (channel: ConfirmChannel) => Promise<unknown>]>([
    ['consume the register queue', (ch) => ch.consume(commandsQueue, () => undefined)],
    ['get from the register queue', (ch) => ch.get(commandsQueue)],
    ['purge the register queue', (ch) => ch.purgeQueue(commandsQueue)],
    ['consume a partner inbox', (ch) => ch.consume(partnerInbox, () => undefined)],
    ["declare another institution's queue", (ch) => ch.assertQueue(`inst-${other}.replies`)],
    ['declare a server-named queue', (ch) => ch.assertQueue('', { exclusive: true })],
    [
      'declare register.commands',
      (ch) => ch.assertExchange(Exchanges.registerCommands, 'topic', { durable: true }),
    ],
    ['delete register.replies', (ch) => ch.deleteExchange(Exchanges.registerReplies)],
  ])('may not %s (403)', async (_what, action) => {
    await expect(refusal(action)).resolves.toEqual(accessRefused);
  });

  it('(limit) a relay exchange of its own escapes the topic permission, but user_id stays authentic', async () => {
    // RabbitMQ checks topic permissions only on the exchange a message is published to, and
    // the institution may declare exchanges named inst-<code>.* too. What it cannot do is put
    // another institution's user_id on a message: that is why the register requires user_id.
    const relay = `inst-${code}.relay`;
    const channel = await institution.createConfirmChannel();
    await channel.assertExchange(relay, 'topic', { durable: false, autoDelete: true });
    await channel.bindExchange(Exchanges.registerCommands, relay, '#');
    const forged = RoutingKeys.command(other, CommandKeys.deleteResult);
    await publish(channel, relay, forged, { forged: true });
    const [arrived] = await eventually(
      async () => {
        const taken = await probe.drain(commandsQueue);
        return taken.length > 0 ? taken : undefined;
      },
      { what: 'the relayed message' },
    );
    expect(arrived).toMatchObject({ exchange: relay, routingKey: forged, body: { forged: true } });
    expect(arrived.properties.userId).toBeUndefined();

    await expect(
      refusal((ch) => publish(ch, relay, forged, { forged: true }, otherUser)),
    ).resolves.toMatchObject({ code: 406 });
    await channel.deleteExchange(relay);
    await channel.close();
  });

  it('create, run again, keeps the password and sets the same permissions', async () => {
    const again = await runScript(['create', code, '--vhost', vhost]);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toMatch(new RegExp(`updated RabbitMQ user ${user}`));
    expect(again.stderr).toMatch(/password unchanged/);

    const api = new ManagementApi({ url: managementUrl, ...admin });
    const seg = encodeURIComponent;
    const plan = permissionPlan(code);
    const { body: permissions } = await api.request(
      'GET',
      `/api/permissions/${seg(vhost)}/${seg(user)}`,
    );
    expect(permissions).toMatchObject(plan.permissions);
    const { body: topics } = await api.request(
      'GET',
      `/api/topic-permissions/${seg(vhost)}/${seg(user)}`,
    );
    const byExchange = (list: { exchange: string }[]) =>
      [...list].sort((a, b) => a.exchange.localeCompare(b.exchange));
    expect(byExchange(topics as { exchange: string }[])).toMatchObject(
      byExchange(plan.topicPermissions),
    );
    const { body: tags } = (await api.request('GET', `/api/users/${seg(user)}`)) as {
      body: { tags: unknown };
    };
    expect(tags.tags).toEqual([]);

    const again2 = await connectAs(user, password);
    await again2.close();
  });

  it('delete removes the user, and RabbitMQ closes its open connections', async () => {
    const closed = new Promise<void>((done) => institution.once('close', () => done()));
    const deleted = await runScript(['delete', code]);
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    expect(deleted.stderr).toMatch(new RegExp(`deleted RabbitMQ user ${user}`));
    await closed;
    await expect(connectAs(user, password)).rejects.toThrow(/ACCESS_REFUSED|403/);
    expect(await brokerAdmin.userExists(user)).toBe(false);

    const twice = await runScript(['delete', code]);
    expect(twice.code).toBe(0);
    expect(twice.stderr).toMatch(/did not exist/);
  });
});
