'use strict';
// Command-line options of `npm run bench`.

const USAGE = `usage: npm run bench -- [options]

  --count N            results to send (default 10000; or env BENCH_COUNT)
  --window N           unconfirmed publishes allowed at once (default 500)
  --institutions N     institution codes to spread the results over (default 8)
  --ceiling-count N    messages for the raw broker ceiling (default 20000; 0 skips it)
  --ceiling-size N     body size in bytes of those messages (default 600)
  --timeout S          give up when not every result reached the partner inbox after S
                       seconds (default max(120, N/50))
  --logs DIR           also write each service's output to DIR/<service>.log
  --help               this text

Environment: AMQP_URL (base broker URL, default amqp://guest:guest@127.0.0.1:5672; the
broker must be local, vhosts are made with rabbitmqctl), MONGO_URL (use that server instead
of a fresh embedded FerretDB), RABBITMQ_MANAGEMENT_URL (default http://<broker host>:15672).

stdout's last line is the JSON summary; progress goes to stderr.`;

function positiveInt(name, text, { allowZero = false } = {}) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not "${text}"`,
    );
  }
  return value;
}

function parseArgs(argv, env = process.env) {
  const options = {
    count: env.BENCH_COUNT ? positiveInt('BENCH_COUNT', env.BENCH_COUNT) : 10_000,
    window: 500,
    institutions: 8,
    ceilingCount: 20_000,
    ceilingSize: 600,
    logsDir: null,
    timeoutSeconds: null,
    help: false,
  };
  const flags = {
    '--count': (v) => (options.count = positiveInt('--count', v)),
    '--window': (v) => (options.window = positiveInt('--window', v)),
    '--institutions': (v) =>
      (options.institutions = Math.min(positiveInt('--institutions', v), 90)),
    '--ceiling-count': (v) =>
      (options.ceilingCount = positiveInt('--ceiling-count', v, { allowZero: true })),
    '--ceiling-size': (v) => (options.ceilingSize = positiveInt('--ceiling-size', v)),
    '--logs': (v) => (options.logsDir = v),
    '--timeout': (v) => (options.timeoutSeconds = positiveInt('--timeout', v)),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const set = flags[name];
    if (!set) throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    let value;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value`);
    }
    set(value);
  }
  return options;
}

module.exports = { parseArgs, USAGE };
