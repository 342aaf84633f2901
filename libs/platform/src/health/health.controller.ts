import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectConnection } from '@nestjs/mongoose';
import { AmqpConnection, StorageGate } from '@rod/messaging';
import { ConnectionStates } from 'mongoose';
import type { Connection } from 'mongoose';

/** How long a ping may take before readiness decides from the driver's view alone. */
const PING_TIMEOUT_MS = 3000;

interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { broker: 'up' | 'down'; database: 'up' | 'down' };
}

/**
 * Liveness (the process answers) and readiness (broker and database reachable). While the
 * database is away, readiness answers 503 with `database: down`, and the consumers (which
 * use the same ping through the StorageGate) hold their messages until it is back.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @InjectConnection() private readonly database: Connection,
    @Inject(StorageGate) storage: StorageGate,
  ) {
    // The consumers ask the same question as readiness before they pause for an outage.
    storage.setProbe(() => this.pingDatabase());
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200, or 503 with the same body naming what is down (not a generic problem document). */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    const broker = this.broker.connected ? 'up' : 'down';
    const database = (await this.pingDatabase()) ? 'up' : 'down';
    const result: Readiness = {
      status: broker === 'up' && database === 'up' ? 'ok' : 'unavailable',
      checks: { broker, database },
    };
    if (result.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }

  /**
   * Down when the driver has lost the server (it notices a closed connection at once) or a
   * ping fails; a ping that is merely slow, because every pooled connection is busy with a
   * backlog, is not an outage: readiness must not flap under load, and consumers must not
   * pause for it.
   */
  private async pingDatabase(): Promise<boolean> {
    const db = this.database.db;
    if (this.database.readyState !== ConnectionStates.connected || !db) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const slow = new Promise<'slow'>((resolve) => {
        timer = setTimeout(() => resolve('slow'), PING_TIMEOUT_MS);
      });
      const answer = await Promise.race([db.admin().ping(), slow]);
      return answer !== 'slow' || this.database.readyState === ConnectionStates.connected;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
