import type { SchemaObject } from '@nestjs/swagger';
import { DeliveryKinds } from '@rod/contracts';
import { DeliveryStatuses } from '../../ledger/domain/ledger-state';

const text: SchemaObject = { type: 'string' };
const instant: SchemaObject = { type: 'string', format: 'date-time' };

/** A line of the delivery ledger (LedgerLine); never the delivery's body. */
export const LEDGER_LINE_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'deliveryId',
    'resultId',
    'institutionCode',
    'partnerId',
    'eventId',
    'kind',
    'status',
    'attempts',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    deliveryId: { type: 'string', format: 'uuid' },
    resultId: { type: 'string', example: '21PA-2026000123' },
    institutionCode: { type: 'string', example: '21PA' },
    partnerId: { type: 'string', example: 'cibg-big' },
    eventId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: [...DeliveryKinds] },
    status: { type: 'string', enum: [...DeliveryStatuses] },
    attempts: { type: 'integer', minimum: 0 },
    lastError: { ...text, description: 'Why the last attempt failed' },
    createdAt: instant,
    updatedAt: instant,
    deliveredAt: instant,
  },
};

/** An irreversible delivery (IrreversibleFlag). */
export const IRREVERSIBLE_FLAG_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'resultId',
    'institutionCode',
    'partnerId',
    'deliveredAt',
    'deletedAt',
    'reason',
    'deletionEventId',
  ],
  properties: {
    resultId: text,
    institutionCode: text,
    partnerId: { type: 'string', example: 'cibg-big' },
    deliveredAt: { ...instant, nullable: true, description: "The partner's first delivery" },
    deletedAt: instant,
    reason: text,
    deletionEventId: { type: 'string', format: 'uuid' },
  },
};
