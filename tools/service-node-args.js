'use strict';
// Node flags each service runs with (before tools/run-service.js), wherever it is started:
// `npm start`, the benchmarks, and the container image (docker-compose.yml sets the same as
// NODE_OPTIONS). Node takes them only on its command line: a running process cannot change
// its heap limit.
//
// reporting: an overview build allocates about 1 KB of short-lived garbage per result; with
// V8's default limit on a large machine the heap grows to several times the live data before
// a full collection. 256 MB keeps the service under issue 7's 200 MB resident at no measured
// cost (docs/performance.md, "Reporting's memory during a build").
const SERVICE_NODE_ARGS = {
  reporting: ['--max-old-space-size=256'],
};

/** The node flags for `service` ([] when it has none). */
function serviceNodeArgs(service) {
  return SERVICE_NODE_ARGS[service] ?? [];
}

module.exports = { serviceNodeArgs };
