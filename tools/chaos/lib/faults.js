'use strict';
// The faults a chaos run injects, one after another while the load runs.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const POISON_EVENT_ROUTING_KEY = 'result.registered.v1';

/** Polls every service's /health/ready while `during` runs; tells which ones said 503 naming `dependency`. */
async function watchReadiness(ctx, dependency, during) {
  const saw = new Set();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      for (const name of ['register', 'propagation', 'reporting']) {
        try {
          const response = await fetch(`${ctx.services.url(name)}/health/ready`, {
            signal: AbortSignal.timeout(3000),
          });
          const text = await response.text();
          if (response.status === 503 && text.includes(`"${dependency}":"down"`)) saw.add(name);
        } catch {
          // not answering (e.g. restarting): not what we look for
        }
      }
      await sleep(500);
    }
  })();
  try {
    await during();
  } finally {
    watching = false;
    await watcher;
  }
  return [...saw].sort();
}

function faultList(options) {
  const down = options.quick ? 5000 : 8000;
  return [
    {
      name: 'kill -9 register',
      run: (ctx) => ctx.services.killAndRestart('register'),
    },
    {
      name: 'partner webhook answers 503',
      run: async (ctx) => {
        const receiver = ctx.receivers.find((r) => r.partner.id === 'chaos-portal');
        receiver.failFor(down * 2);
        return { failingForMs: down * 2 };
      },
    },
    {
      name: 'kill -9 propagation',
      run: (ctx) => ctx.services.killAndRestart('propagation'),
    },
    {
      name: 'RabbitMQ restart',
      run: async (ctx) => {
        const readyDown = await watchReadiness(ctx, 'broker', () => ctx.node.restart(down));
        await Promise.all(
          ['register', 'propagation', 'reporting'].map((n) => ctx.services.waitReady(n)),
        );
        return { readySaidBrokerDown: readyDown };
      },
    },
    {
      name: 'poison burst',
      run: async (ctx) => {
        const commands = options.quick ? 10 : 25;
        const events = options.quick ? 3 : 5;
        // Not JSON on a command's key, and JSON on a key that names no command: both are
        // answered `malformed-message` and kept in register.commands.dlq. (A JSON body on a
        // command's key is a command with validation errors: answered, not dead-lettered.)
        for (let i = 0; i < commands; i++) {
          const institution = ctx.institutions[i % ctx.institutions.length];
          const notJson = i % 2 === 0;
          const ok = await ctx.client.publishRaw(
            'register.commands',
            `institution.${institution}.${notJson ? 'register-result' : 'frobnicate-result'}`,
            notJson ? Buffer.from(`{"not json ${i}`) : Buffer.from(JSON.stringify({ hello: i })),
            {
              messageId: `chaos-poison-command-${ctx.runId}-${i}`,
              type: notJson ? 'RegisterResult' : 'Nonsense',
            },
          );
          if (ok) ctx.poison.commands += 1;
        }
        for (let i = 0; i < events; i++) {
          const ok = await ctx.client.publishRaw(
            'results.events',
            POISON_EVENT_ROUTING_KEY,
            Buffer.from(JSON.stringify({ type: 'ResultRegistered', poison: i })),
            { messageId: `chaos-poison-event-${ctx.runId}-${i}`, type: 'ResultRegistered' },
          );
          if (ok) ctx.poison.events += 1;
        }
        return { commands, events };
      },
    },
    {
      name: 'kill -9 reporting',
      run: (ctx) => ctx.services.killAndRestart('reporting'),
    },
    {
      name: 'database restart',
      run: async (ctx) => {
        let crashedDuring = 0;
        const before = ctx.services.unexpectedExits.length;
        const readyDown = await watchReadiness(ctx, 'database', async () => {
          await ctx.database.kill();
          await sleep(down);
          crashedDuring = ctx.services.unexpectedExits.length - before;
          await ctx.database.start();
        });
        await Promise.all(
          ['register', 'propagation', 'reporting'].map((n) => ctx.services.waitReady(n)),
        );
        return { readySaidDatabaseDown: readyDown, crashedDuring };
      },
    },
  ];
}

/** Runs the faults in turn, `gapMs` apart: one round, and more while `anotherRound()` says so. */
async function runFaults(ctx, options, { gapMs, anotherRound, log }) {
  const done = [];
  const list = faultList(options);
  for (let round = 0; round === 0 || anotherRound(); round++) {
    for (const fault of list) {
      await sleep(gapMs);
      const started = Date.now();
      log(`fault: ${fault.name}`);
      let outcome;
      try {
        outcome = (await fault.run(ctx)) || {};
      } catch (error) {
        outcome = { error: error.message };
        log(`fault ${fault.name} went wrong: ${error.message}`);
      }
      done.push({
        fault: fault.name,
        round,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        ...outcome,
      });
      log(`fault done: ${fault.name} (${JSON.stringify(outcome)})`);
    }
  }
  return done;
}

module.exports = { runFaults, POISON_EVENT_ROUTING_KEY };
