import type { ProblemError } from '@rod/platform';
import { invalidQuery } from './operations-problems';

/** A request's query as express parses it: a parameter given twice is an array. */
export type RawQuery = Record<string, unknown>;

/** Reads a query's parameters one by one and collects what is wrong with them. */
export class QueryParameters {
  private readonly errors: ProblemError[] = [];

  constructor(private readonly raw: RawQuery) {}

  /** A parameter given at most once; an empty one counts as absent. */
  text(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      this.reject(name, `${name} must be given at most once`);
      return undefined;
    }
    return value;
  }

  reject(field: string, message: string): void {
    this.errors.push({ code: 'validation', field, message });
  }

  /** The parsed query, or a 400 problem listing every bad parameter. */
  result<T>(query: T): T {
    if (this.errors.length > 0) throw invalidQuery(this.errors);
    return query;
  }
}
