'use strict';
// The embedded MongoDB-compatible database for local runs and tests: FerretDB (SQLite
// storage) wrapped in the small Go program in tools/ferretdb. Production uses a real MongoDB.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');

const repoRoot = path.resolve(__dirname, '..', '..');
const sourceDir = path.join(repoRoot, 'tools', 'ferretdb');
const sources = ['main.go', 'go.mod', 'go.sum', 'patches.js'].map((f) => path.join(sourceDir, f));
const patchedDir = path.join(repoRoot, '.bin', 'ferretdb-src');
const binary = path.join(
  repoRoot,
  '.bin',
  process.platform === 'win32' ? 'ferretdb.exe' : 'ferretdb',
);

const noop = () => {};

/**
 * ROD_FERRETDB_BINARY: another build of tools/ferretdb to run instead of .bin/ferretdb (used
 * as is, never rebuilt), to compare builds (patches, settings) without replacing the one
 * everybody's tests use.
 */
function binaryOverride() {
  const override = process.env.ROD_FERRETDB_BINARY;
  return override ? path.resolve(override) : null;
}

/** The absolute path of an executable on PATH (or in one of `extraDirs`), or null. */
function which(command, extraDirs = []) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean).concat(extraDirs);
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Children that must not outlive this process, even when it exits abruptly. */
const owned = new Set();
process.on('exit', () => {
  for (const child of owned) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});
function own(child) {
  owned.add(child);
  child.once('exit', () => owned.delete(child));
  return child;
}

/**
 * Builds .bin/ferretdb when it is missing or older than its Go sources, and returns its
 * absolute path. Build output is shown only when the build fails.
 */
async function ensureFerretdbBuilt({ log = noop } = {}) {
  if (binaryOverride()) return binaryOverride();
  const built = mtime(binary);
  const newestSource = Math.max(...sources.map((f) => mtime(f) || 0));
  if (built !== null && built >= newestSource) return binary;

  const go = which('go', ['/usr/local/go/bin']);
  if (!go) {
    throw new Error(
      'Go 1.26 is needed to build the embedded database (tools/ferretdb): install Go, ' +
        'or set MONGO_URL to a MongoDB server (e.g. MONGO_URL=mongodb://127.0.0.1:27017)',
    );
  }
  log(
    built === null
      ? 'building the embedded database (.bin/ferretdb); the first build downloads Go modules and takes a few minutes'
      : 'rebuilding the embedded database (.bin/ferretdb): its sources changed',
  );
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  // Build to a temporary name and rename, so that a concurrent reader never sees half a binary.
  const tmp = `${binary}.tmp-${process.pid}`;
  const started = Date.now();
  const modfile = await patchedModfile(go);
  const { code, output } = await runGo(go, ['build', `-modfile=${modfile}`, '-o', tmp, '.']);
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    if (output) process.stderr.write(`${output}\n`);
    throw new Error(`building the embedded database failed (go build exited with ${code})`);
  }
  fs.renameSync(tmp, binary);
  const now = new Date();
  fs.utimesSync(binary, now, now);
  log(`built .bin/ferretdb in ${Math.round((Date.now() - started) / 1000)} s`);
  return binary;
}

/** Runs the go tool in tools/ferretdb; its output is returned, not shown. */
async function runGo(go, args) {
  const output = [];
  const code = await new Promise((resolve, reject) => {
    const child = own(spawn(go, args, { cwd: sourceDir, stdio: ['ignore', 'pipe', 'pipe'] }));
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.once('error', reject);
    child.once('close', (c, signal) => resolve(signal ? signal : c));
  });
  return { code, output: Buffer.concat(output).toString().trimEnd() };
}

function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(entryPath);
    else fs.chmodSync(entryPath, 0o644);
  }
}

/**
 * Copies each patched module from the Go module cache to .bin/ferretdb-src, applies
 * tools/ferretdb/patches.js, and writes a go.mod that builds against the copies.
 * Returns that go.mod's path (for `go build -modfile`).
 */
async function patchedModfile(go) {
  const patches = require('../ferretdb/patches');
  fs.rmSync(patchedDir, { recursive: true, force: true });
  fs.mkdirSync(patchedDir, { recursive: true });
  const replaces = [];
  for (const module of [...new Set(patches.map((p) => p.module))]) {
    const { code, output } = await runGo(go, ['mod', 'download', '-json', module]);
    if (code !== 0) throw new Error(`go mod download ${module} failed:\n${output}`);
    const { Dir: cached, Version: version } = JSON.parse(output);
    const copy = path.join(patchedDir, `${path.basename(module)}@${version}`);
    fs.cpSync(cached, copy, { recursive: true });
    makeWritable(copy); // the module cache is read-only; the copy must be patchable and removable
    for (const patch of patches.filter((p) => p.module === module)) {
      const file = path.join(copy, patch.file);
      const text = fs.readFileSync(file, 'utf8');
      if (text.split(patch.from).length !== 2) {
        throw new Error(`FerretDB patch "${patch.why}" does not apply to ${module}@${version}`);
      }
      fs.writeFileSync(file, text.replace(patch.from, patch.to));
    }
    replaces.push(`replace ${module} => ${copy}`);
  }
  const modfile = path.join(patchedDir, 'go.mod');
  const goMod = fs.readFileSync(path.join(sourceDir, 'go.mod'), 'utf8');
  fs.writeFileSync(modfile, `${goMod.trimEnd()}\n\n${replaces.join('\n')}\n`);
  fs.copyFileSync(path.join(sourceDir, 'go.sum'), path.join(patchedDir, 'go.sum'));
  return modfile;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A BSON document of int32 and string fields (all a hello command needs). */
function bson(fields) {
  const parts = [];
  for (const [key, value] of Object.entries(fields)) {
    const name = Buffer.from(`${key}\0`);
    if (typeof value === 'number') {
      const v = Buffer.alloc(4);
      v.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), name, v);
    } else {
      const s = Buffer.from(`${value}\0`);
      const len = Buffer.alloc(4);
      len.writeInt32LE(s.length);
      parts.push(Buffer.from([0x02]), name, len, s);
    }
  }
  const body = Buffer.concat(parts);
  const doc = Buffer.alloc(4 + body.length + 1);
  doc.writeInt32LE(doc.length);
  body.copy(doc, 4);
  return doc;
}

/**
 * What listens on 127.0.0.1:port: 'free', 'mongodb' (answers a MongoDB wire-protocol
 * hello) or 'other'.
 */
function probePort(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    let connected = false;
    let answer = Buffer.alloc(0);
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(connected ? 'other' : 'free'), 2000);
    socket.once('error', () => done(connected ? 'other' : 'free'));
    socket.once('close', () => done(connected ? 'other' : 'free'));
    socket.once('connect', () => {
      connected = true;
      // OP_MSG { hello: 1, $db: 'admin' }
      const doc = bson({ hello: 1, $db: 'admin' });
      const header = Buffer.alloc(16 + 4 + 1);
      header.writeInt32LE(header.length + doc.length, 0);
      header.writeInt32LE(1, 4); // requestID
      header.writeInt32LE(0, 8); // responseTo
      header.writeInt32LE(2013, 12); // OP_MSG
      header.writeInt32LE(0, 16); // flagBits
      header.writeUInt8(0, 20); // section kind 0: body
      socket.write(Buffer.concat([header, doc]));
    });
    socket.on('data', (d) => {
      answer = Buffer.concat([answer, d]);
      if (answer.length >= 16) {
        const opCode = answer.readInt32LE(12);
        const responseTo = answer.readInt32LE(8);
        done((opCode === 2013 || opCode === 1) && responseTo === 1 ? 'mongodb' : 'other');
      }
    });
  });
}

/**
 * Starts the embedded database on 127.0.0.1:port with its files in dataDir.
 * Resolves to { url, child, stop() } once it accepts connections.
 */
async function startFerretdb({
  port,
  dataDir,
  logLevel = 'error',
  log = noop,
  host = '127.0.0.1',
}) {
  if (!port) throw new Error('startFerretdb: port is required');
  if (!dataDir) throw new Error('startFerretdb: dataDir is required');

  const inUse = await probePort(port, host);
  if (inUse === 'mongodb') {
    throw new Error(
      `a MongoDB-compatible server is already listening on ${host}:${port} ` +
        '(another "npm start" or FerretDB?): stop it, or use it by setting ' +
        `MONGO_URL=mongodb://${host}:${port}`,
    );
  }
  if (inUse === 'other') {
    throw new Error(`port ${host}:${port} is already in use by another program (not MongoDB)`);
  }

  const bin =
    binaryOverride() || (fs.existsSync(binary) ? binary : await ensureFerretdbBuilt({ log }));
  fs.mkdirSync(dataDir, { recursive: true });
  // A small connection pool: FerretDB's SQLite takes one writer at a time, and many
  // waiting writers starve in SQLite's busy handler (SQLITE_BUSY after 10 s) instead of
  // queueing fairly in the driver. See docs/adr/0003-database.md.
  const url = `mongodb://${host}:${port}/?maxPoolSize=4`;
  const child = own(
    spawn(
      bin,
      ['-listen', `${host}:${port}`, '-data', path.resolve(dataDir), '-log-level', logLevel],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a Ctrl-C in the terminal reaches only our process, which
        // then stops the database after the services that use it.
        detached: true,
      },
    ),
  );

  const stderrTail = [];
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    log(`ferretdb: ${line}`);
  });
  const tail = () => (stderrTail.length ? `\n${stderrTail.join('\n')}` : '');

  let stopping = null;
  const stop = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 10_000);
      await exitedPromise;
      clearTimeout(timer);
    })();
    return stopping;
  };

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database did not become ready within 30 s${tail()}`));
    }, 30_000);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${bin}: ${err.message}`));
    });
    exitedPromise.then(({ code, signal }) => {
      clearTimeout(timer);
      // Give the stderr reader a moment to collect the last lines.
      setTimeout(
        () =>
          reject(
            new Error(
              `the embedded database exited before it was ready (${signal || `code ${code}`})${tail()}`,
            ),
          ),
        50,
      );
    });
  });

  return { url, child, stop, exited: exitedPromise };
}

module.exports = {
  ensureFerretdbBuilt,
  startFerretdb,
  freePort,
  probePort,
  which,
  binary,
  repoRoot,
};
