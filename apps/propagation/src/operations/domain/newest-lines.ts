import type { LedgerLine } from './ledger-line';
import { newestFirst } from './ledger-line';

/**
 * The `limit` newest lines of a stream of lines, holding at most twice the limit at any
 * time: a scan of the whole ledger never keeps the whole ledger in memory.
 */
export class NewestLines {
  private lines: LedgerLine[] = [];

  constructor(private readonly limit: number) {}

  add(lines: LedgerLine[]): void {
    this.lines.push(...lines);
    if (this.lines.length > 2 * this.limit) this.trim();
  }

  list(): LedgerLine[] {
    this.trim();
    return [...this.lines];
  }

  private trim(): void {
    this.lines = this.lines.sort(newestFirst).slice(0, this.limit);
  }
}
