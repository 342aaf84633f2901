import { Logger, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RegisterConfig } from '../config/register.config';
import { ExtractKeyRing, ExtractStatusLists } from './extract-ports';
import { ConfiguredKeyRing } from './keys/configured-key-ring';
import { JwksController } from './keys/jwks.controller';
import { readSigningKeys } from './keys/signing-key-source';
import { DatabaseStatusLists } from './status-lists/database-status-lists';
import { StatusListsController } from './status-lists/http/status-lists.controller';
import { ExtractStatusConsumer } from './status-lists/messaging/extract-status.consumer';
import { ResultExtractsReader } from './status-lists/persistence/result-extracts.reader';
import {
  statusAllocationSchema,
  statusListSchema,
  statusSlotSchema,
} from './status-lists/persistence/status-list.schema';
import { STATUS_LIST_MODEL, StatusListStore } from './status-lists/persistence/status-list.store';
import {
  STATUS_ALLOCATION_MODEL,
  STATUS_SLOT_MODEL,
  StatusSlotStore,
} from './status-lists/persistence/status-slot.store';
import { StatusListCredentials } from './status-lists/status-list-credentials';
import { SyncExtractStatusUseCase } from './status-lists/sync-extract-status.use-case';

/** Loads the configured signing keys; a missing or bad key stops start-up (ConfigError). */
async function keyRingFromConfig(config: RegisterConfig): Promise<ExtractKeyRing> {
  const ring = await ConfiguredKeyRing.create(readSigningKeys(config), config.publicUrl);
  new Logger('ExtractKeyRing').log({
    msg: 'extract signing keys loaded',
    issuer: ring.issuer,
    signingKid: ring.currentKid,
    publishedKids: ring.publicJwks().keys.map((k) => k.kid),
  });
  return ring;
}

/**
 * What the digital extracts stand on (issue 6): the signing keys with the JWKS, and the
 * Bitstring Status Lists with their endpoint and the consumer that keeps their bits. It
 * provides ExtractKeyRing and ExtractStatusLists to issuing and verifying.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: STATUS_LIST_MODEL, schema: statusListSchema },
      { name: STATUS_SLOT_MODEL, schema: statusSlotSchema },
      { name: STATUS_ALLOCATION_MODEL, schema: statusAllocationSchema },
    ]),
  ],
  controllers: [JwksController, StatusListsController, ExtractStatusConsumer],
  providers: [
    { provide: ExtractKeyRing, inject: [RegisterConfig], useFactory: keyRingFromConfig },
    DatabaseStatusLists,
    { provide: ExtractStatusLists, useExisting: DatabaseStatusLists },
    StatusListStore,
    StatusSlotStore,
    ResultExtractsReader,
    StatusListCredentials,
    SyncExtractStatusUseCase,
  ],
  exports: [ExtractKeyRing, ExtractStatusLists],
})
export class ExtractInfrastructureModule {}
