/**
 * Knows when a replay into our queue is complete: the register's `ReplayCompleted` marker
 * says how many events it sent, and every one of them has been handled (applied, found a
 * duplicate, or dead-lettered as invalid). Pure bookkeeping, no I/O.
 */
export class ReplayTracker {
  private expected: number | null = null;
  private handled = 0;
  private rejected = 0;

  /** The marker arrived: the register sent `events` events before it. */
  completed(events: number): void {
    this.expected = events;
  }

  handledOne(outcome: 'stored' | 'rejected'): void {
    this.handled += 1;
    if (outcome === 'rejected') this.rejected += 1;
  }

  get done(): boolean {
    return this.expected !== null && this.handled >= this.expected;
  }

  get counts(): { expected: number | null; handled: number; rejected: number } {
    return { expected: this.expected, handled: this.handled, rejected: this.rejected };
  }
}
