/** Where the rebuild asks the other services, with an operations token. */
export interface OpsClientSettings {
  registerUrl: string;
  propagationUrl: string;
  token: string;
}

/** An irreversible delivery as propagation's `GET /v1/irreversible-deliveries` lists it. */
export interface ListedFlag {
  resultId: string;
  institutionCode: string;
  partnerId: string;
  deliveredAt: string | null;
  deletedAt: string;
  reason: string;
  deletionEventId: string;
}

/** The calls a rebuild makes to the register and to propagation (CONTRACT.md plus additions). */
export class OpsClient {
  constructor(private readonly settings: OpsClientSettings) {}

  /** Asks the register to replay its stored events (all, or from `from`) to `queue`. */
  async requestReplay(queue: string, from?: string): Promise<{ replayId: string }> {
    const response = await this.call(`${this.settings.registerUrl}/v1/replays`, {
      method: 'POST',
      body: JSON.stringify(from ? { queue, from } : { queue }),
    });
    return (await response.json()) as { replayId: string };
  }

  /** Every irreversible delivery propagation has flagged. */
  async irreversibleDeliveries(): Promise<ListedFlag[]> {
    const response = await this.call(`${this.settings.propagationUrl}/v1/irreversible-deliveries`, {
      method: 'GET',
    });
    return (await response.json()) as ListedFlag[];
  }

  private async call(url: string, init: { method: string; body?: string }): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      headers: {
        authorization: `Bearer ${this.settings.token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    if (!response.ok) {
      const detail = await response.text();
      throw new Error(`${init.method} ${url} answered ${response.status}: ${detail.slice(0, 500)}`);
    }
    return response;
  }
}
