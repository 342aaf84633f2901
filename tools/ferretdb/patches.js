'use strict';
// Fixes applied to FerretDB's source before the embedded database is built
// (tools/dev/ferretdb.js copies the module from the Go module cache, patches the copy, and
// builds against it with a `replace` directive). Each patch must apply exactly once, or
// the build stops: a new FerretDB version needs the patches looked at again.

module.exports = [
  {
    module: 'github.com/FerretDB/FerretDB',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->\\"_id\\""`,
    // FerretDB 1.24.2 creates each collection's unique _id index on the SQLite expression
    // _ferretdb_sjson->"_id" but looks documents up by _id (find, update, delete) with
    // _ferretdb_sjson->'$._id'. SQLite matches index expressions as written, so every
    // lookup by _id scanned the whole table (EXPLAIN QUERY PLAN: SCAN instead of SEARCH
    // USING INDEX), and every read or write got slower as a collection grew. Both
    // expressions mean the same JSON path; the lookup now uses the index's own.
    why: 'lookups by _id use the unique _id index instead of scanning the table',
  },
  // The next three make resource.Track and resource.Untrack do nothing outside FerretDB's
  // debug builds (build tags ferretdb_debug or race; ours is neither). Track is a leak check: for
  // every iterator, cursor, transaction and rows object it records a pprof profile entry
  // (runtime/pprof.Profile.Add captures a stack trace) and sets a finalizer that panics if
  // the object is collected without Untrack. Every stored document read goes through a
  // tracked iterator, so it cost 11-13 % of FerretDB's CPU during an overview build
  // (perf, docs/performance.md). Nothing else reads those profiles (FerretDB's debug HTTP
  // handler is not started by tools/ferretdb), and without the finalizer an iterator that
  // FerretDB forgets to close is collected quietly instead of crashing the process.
  {
    module: 'github.com/FerretDB/FerretDB',
    file: 'internal/util/resource/resource.go',
    from: `// profilesM protects access to profiles.
`,
    to: `// trackingEnabled is false outside debug builds: Track and Untrack do nothing then
// (patched in by the embedding project, tools/ferretdb/patches.js).
var trackingEnabled = debugbuild.Enabled

// profilesM protects access to profiles.
`,
    why: 'resource tracking only in debug builds (the switch)',
  },
  {
    module: 'github.com/FerretDB/FerretDB',
    file: 'internal/util/resource/resource.go',
    from: `func Track(obj any, token *Token) {
	checkArgs(obj, token)
`,
    to: `func Track(obj any, token *Token) {
	if !trackingEnabled {
		return
	}

	checkArgs(obj, token)
`,
    why: 'resource tracking only in debug builds (Track)',
  },
  {
    module: 'github.com/FerretDB/FerretDB',
    file: 'internal/util/resource/resource.go',
    from: `func Untrack(obj any, token *Token) {
	checkArgs(obj, token)
`,
    to: `func Untrack(obj any, token *Token) {
	if !trackingEnabled {
		return
	}

	checkArgs(obj, token)
`,
    // Untrack must be switched off too: it panics on an object Track never registered.
    why: 'resource tracking only in debug builds (Untrack)',
  },
];
