'use strict';
// Command-line options of `npm run bench` (every scenario of issue 7, or some of them).
const path = require('node:path');
const { parseArgs: parseNodeArgs } = require('node:util');

const SCENARIOS = [
  'broker-ceiling',
  'mix-flat-out',
  'steady-200',
  'batch-upload',
  'overview-build',
  'two-instances',
];

const USAGE = `usage: npm run bench -- [options]

  --scenario a,b           run only these scenarios, in the usual order; default all:
                           ${SCENARIOS.join(', ')}
  --quick                  a tiny size of every scenario (a smoke test of the bench)
  --no-build               measure dist/ as it is (default: npm run build when a source is newer)
  --logs DIR               also write every service's output to DIR/<scenario>-<service>.log
  --timeout S              give up waiting in a scenario after S seconds (default: sized to it)
  --window N               unconfirmed publishes allowed at once (default 500)
  --institutions N         institution codes of the mix and the overview seed (default 150)

  broker-ceiling   --ceiling-count N (default 20000)  --ceiling-size BYTES (default 600)
  mix-flat-out     --mix-count N commands (default 800; also --count, or env BENCH_COUNT)
  steady-200       --steady-rate N per s (default 200)  --steady-seconds S (default 30)
  batch-upload     --batch-lines N (default 5000; also --lines)
                   --batch-seconds S: end the body after S s, and measure the lines sent
                   (default 45; 0 = no limit)
                   --invalid-every K: every K-th line invalid (default 0, none)
  overview-build   --overview-results N (default 30000; also --results)
                   --overview-deletions N (default results/20; also --deletions)
                   --overview-full: the issue's size, 1000000 results, 50000 deletions
                   --period P (default 2026-11)  --seed-batch N per insertMany (default 5000;
                   also --batch)  --cpu-prof DIR: reporting runs with --cpu-prof
  two-instances    --two-count N commands (default: the mix's count)

Environment: AMQP_URL (base broker URL, default amqp://guest:guest@127.0.0.1:5672; the
broker must be local, vhosts are made with rabbitmqctl), MONGO_URL (use that server instead
of a fresh embedded FerretDB per scenario; databases bench-<ts>-<service> are dropped at the
end), RABBITMQ_MANAGEMENT_URL (default http://<broker host>:15672).

stdout: one JSON line per scenario, then one line with every figure and the goals; progress
goes to stderr.`;

/** Old option names (of the scripts these scenarios came from) -> today's. */
const ALIASES = {
  '--count': '--mix-count',
  '--lines': '--batch-lines',
  '--results': '--overview-results',
  '--deletions': '--overview-deletions',
  '--batch': '--seed-batch',
};

const QUICK = {
  ceilingCount: 2000,
  mixCount: 100,
  steadySeconds: 5,
  batchLines: 300,
  overviewResults: 5000,
};

function int(name, text, min) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`);
  }
  return value;
}

function normalise(argv) {
  return argv.map((arg) => {
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const canonical = ALIASES[name];
    if (!canonical) return arg;
    return eq > 0 ? `${canonical}${arg.slice(eq)}` : canonical;
  });
}

function parseArgs(argv, env = process.env) {
  const string = { type: 'string' };
  const { values } = parseNodeArgs({
    args: normalise(argv),
    strict: true,
    allowPositionals: false,
    options: {
      scenario: string,
      quick: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      logs: string,
      timeout: string,
      window: string,
      institutions: string,
      'ceiling-count': string,
      'ceiling-size': string,
      'mix-count': string,
      'steady-rate': string,
      'steady-seconds': string,
      'batch-lines': string,
      'invalid-every': string,
      'batch-seconds': string,
      'overview-results': string,
      'overview-deletions': string,
      'overview-full': { type: 'boolean' },
      period: string,
      'seed-batch': string,
      'cpu-prof': string,
      'two-count': string,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const quick = Boolean(values.quick);
  const pickInt = (name, fallback, min = 1) =>
    values[name] === undefined ? fallback : int(`--${name}`, values[name], min);

  const scenarios = values.scenario
    ? values.scenario
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...SCENARIOS];
  for (const s of scenarios) {
    if (!SCENARIOS.includes(s))
      throw new Error(`unknown scenario "${s}" (${SCENARIOS.join(', ')})`);
  }
  const full = Boolean(values['overview-full']);
  const mixCount = pickInt(
    'mix-count',
    env.BENCH_COUNT ? int('BENCH_COUNT', env.BENCH_COUNT, 1) : quick ? QUICK.mixCount : 800,
  );
  const overviewResults = pickInt(
    'overview-results',
    full ? 1_000_000 : quick ? QUICK.overviewResults : 30_000,
  );
  const options = {
    scenarios: SCENARIOS.filter((s) => scenarios.includes(s)),
    quick,
    build: !values['no-build'],
    logsDir: values.logs ? path.resolve(values.logs) : null,
    timeoutSeconds: pickInt('timeout', null),
    window: pickInt('window', 500),
    institutions: pickInt('institutions', 150),
    ceilingCount: pickInt('ceiling-count', quick ? QUICK.ceilingCount : 20_000, 0),
    ceilingSize: pickInt('ceiling-size', 600),
    mixCount,
    steadyRate: pickInt('steady-rate', 200),
    steadySeconds: pickInt('steady-seconds', quick ? QUICK.steadySeconds : 30),
    batchLines: pickInt('batch-lines', quick ? QUICK.batchLines : 5000),
    batchSeconds: pickInt('batch-seconds', quick ? 20 : 45, 0),
    invalidEvery: pickInt('invalid-every', 0, 0),
    overviewResults,
    overviewDeletions: pickInt(
      'overview-deletions',
      full && values['overview-results'] === undefined ? 50_000 : Math.floor(overviewResults / 20),
      0,
    ),
    period: values.period ?? '2026-11',
    seedBatch: pickInt('seed-batch', 5000),
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    twoCount: pickInt('two-count', mixCount),
  };
  if (options.overviewDeletions > options.overviewResults) {
    throw new Error('--overview-deletions exceeds --overview-results');
  }
  if (!/^\d{4}-(05|11)$/.test(options.period)) {
    throw new Error(`--period must be YYYY-05 or YYYY-11, not "${options.period}"`);
  }
  return options;
}

module.exports = { parseArgs, USAGE, SCENARIOS };
