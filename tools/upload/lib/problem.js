'use strict';
// A refused upload, as the register explains it (RFC 9457 problem details).

const MAX_TEXT = 500;

/** Lines that say why the register refused the upload. */
function describeProblem(status, statusText, text) {
  const problem = problemOf(text);
  const heading = `the register refused the upload: ${status} ${problem?.title ?? statusText ?? ''}`;
  const lines = [heading.trimEnd()];
  if (problem) {
    if (problem.detail) lines.push(`  ${problem.detail}`);
    for (const error of Array.isArray(problem.errors) ? problem.errors : []) {
      lines.push(`  - ${reasonOf(error)}`);
    }
  } else if (text.trim() !== '') {
    const shown = text.trim().slice(0, MAX_TEXT);
    lines.push(`  ${shown}${text.trim().length > MAX_TEXT ? '…' : ''}`);
  }
  return lines.join('\n');
}

function problemOf(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** `code field: message`, the way an error of an outcome or a problem is shown. */
function reasonOf(error) {
  const code = error?.code ?? 'error';
  const field = error?.field ? ` ${error.field}` : '';
  const message = error?.message ? `: ${error.message}` : '';
  return `${code}${field}${message}`;
}

module.exports = { describeProblem, reasonOf };
