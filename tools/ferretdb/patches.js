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
];
