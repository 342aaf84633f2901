/**
 * The columns of a CSV header, each a path into the command body (`person.bsn` →
 * ['person', 'bsn']), or why the header cannot be used.
 */
export type CsvColumns = { paths: readonly string[][] } | { problem: string };

/** Names that would reach an object's prototype, or a database operator, when used as keys. */
const FORBIDDEN_PARTS = new Set(['__proto__', 'constructor', 'prototype']);

export function csvColumnsOf(header: readonly string[]): CsvColumns {
  const names = header.map((name) => name.trim());
  for (const [index, name] of names.entries()) {
    const problem = problemOfName(name, index);
    if (problem) return { problem };
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return { problem: `column "${name}" appears more than once` };
    seen.add(name);
  }
  for (const name of names) {
    const parts = name.split('.');
    for (let length = 1; length < parts.length; length++) {
      const prefix = parts.slice(0, length).join('.');
      if (seen.has(prefix)) {
        return { problem: `column "${prefix}" cannot be both a value and the parent of "${name}"` };
      }
    }
  }
  return { paths: names.map((name) => name.split('.')) };
}

function problemOfName(name: string, index: number): string | null {
  if (name === '') return `column ${index + 1} has no name`;
  const parts = name.split('.');
  if (parts.some((part) => part === '')) return `column "${name}" has an empty part`;
  if (parts.some((part) => FORBIDDEN_PARTS.has(part) || part.startsWith('$'))) {
    return `column "${name}" is not an allowed name`;
  }
  return null;
}

/**
 * The command body of one record: dotted columns nest, empty cells are left out, so that
 * the command's validator sees them as absent. Null when every cell is empty.
 * Keys are defined as own properties, never assigned, so no name reaches a prototype.
 */
export function bodyOfRecord(
  paths: readonly string[][],
  cells: readonly string[],
): Record<string, unknown> | null {
  const body: Record<string, unknown> = {};
  let empty = true;
  paths.forEach((path, index) => {
    const value = (cells[index] ?? '').trim();
    if (value === '') return;
    empty = false;
    let target = body;
    for (const key of path.slice(0, -1)) {
      if (!Object.hasOwn(target, key)) define(target, key, {});
      target = target[key] as Record<string, unknown>;
    }
    define(target, path[path.length - 1], value);
  });
  return empty ? null : body;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
