import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectConnection } from '@nestjs/mongoose';
import { AmqpConnection } from '@rod/messaging';
import { ConnectionStates } from 'mongoose';
import type { Connection } from 'mongoose';

interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { broker: 'up' | 'down'; database: 'up' | 'down' };
}

/** Liveness (the process answers) and readiness (broker and database reachable). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(AmqpConnection) private readonly broker: AmqpConnection,
    @InjectConnection() private readonly database: Connection,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<Readiness> {
    const broker = this.broker.connected ? 'up' : 'down';
    const database = (await this.pingDatabase()) ? 'up' : 'down';
    const result: Readiness = {
      status: broker === 'up' && database === 'up' ? 'ok' : 'unavailable',
      checks: { broker, database },
    };
    if (result.status !== 'ok') throw new ServiceUnavailableException(result);
    return result;
  }

  private async pingDatabase(): Promise<boolean> {
    const db = this.database.db;
    if (this.database.readyState !== ConnectionStates.connected || !db) return false;
    try {
      const ping = db.admin().ping();
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), 2000).unref(),
      );
      await Promise.race([ping, timeout]);
      return true;
    } catch {
      return false;
    }
  }
}
