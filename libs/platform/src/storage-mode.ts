import type { OnModuleInit } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { DocumentWrites } from '@rod/messaging';
import { Connection } from 'mongoose';

/** Tells DocumentWrites at start whether it writes to MongoDB or to the embedded FerretDB. */
@Injectable()
export class StorageModeDetector implements OnModuleInit {
  private readonly logger = new Logger(StorageModeDetector.name);

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly writes: DocumentWrites,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.asPromise();
    const mode = await this.writes.detect(this.connection.db!);
    this.logger.log({ msg: 'database write mode', mode });
  }
}
