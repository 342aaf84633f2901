/**
 * Whether the service's database answers, for the consumers: a message that fails while
 * the database is away is held (not acked, not requeued) until it is back, so an outage
 * neither dead-letters messages through the delivery limit nor spins them in a loop.
 * The platform's health check sets the probe (it pings the database); without one, the
 * database counts as up.
 */
export class StorageGate {
  private probe: () => Promise<boolean> = () => Promise.resolve(true);

  setProbe(probe: () => Promise<boolean>): void {
    this.probe = probe;
  }

  async isUp(): Promise<boolean> {
    try {
      return await this.probe();
    } catch {
      return false;
    }
  }
}
