'use strict';
// Command-line options of `npm run chaos`.

const USAGE = `usage: npm run chaos -- [options]

  --duration S     seconds of load while faults are injected (default 300)
  --quick          the short run of npm test: each fault once under load (60 s or more)
  --seed N         seed of the load's random choices (default: from the clock)
  --rate N         new results per second (default 3; 1.5 with --quick)
  --keep-logs      keep the services' logs under tmp/chaos/ even when the run passes
  --help           this text

Runs its own RabbitMQ node (never the shared broker) and its own embedded database.
Progress goes to stderr; stdout's last line is the JSON summary. Exit code 0 when the
reconciliation finds nothing lost, duplicated, unflagged or miscounted, 1 otherwise.`;

function positive(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

function parseArgs(argv) {
  const options = {
    durationS: 300,
    quick: false,
    seed: Date.now() % 1_000_000_007,
    rate: 3,
    keepLogs: false,
    help: false,
  };
  let durationGiven = false;
  let rateGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--duration':
        options.durationS = positive('--duration', value());
        durationGiven = true;
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--seed':
        options.seed = Math.floor(positive('--seed', value()));
        break;
      case '--rate':
        options.rate = positive('--rate', value());
        rateGiven = true;
        break;
      case '--keep-logs':
        options.keepLogs = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  if (options.quick && !durationGiven) options.durationS = 60;
  if (options.quick && !rateGiven) options.rate = 1.5;
  return options;
}

module.exports = { parseArgs, USAGE };
