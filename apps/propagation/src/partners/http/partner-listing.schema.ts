import type { SchemaObject } from '@nestjs/swagger';
import { ExamTypes, ProgrammeLevels } from '@rod/contracts';
import { DeliveryStatuses } from '../delivery-counts.port';

const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

/** The OpenAPI description of `GET /v1/partners`'s answer (PartnerListing). */
export const PARTNER_LISTING_SCHEMA: SchemaObject = list({
  type: 'object',
  required: ['id', 'name', 'filter', 'canRetract', 'transport'],
  properties: {
    id: { type: 'string', example: 'cibg-big' },
    name: { type: 'string' },
    filter: {
      type: 'object',
      description: 'Which results the partner receives; an absent list means all',
      properties: {
        levels: list({ type: 'string', enum: [...ProgrammeLevels] }),
        examTypes: list({ type: 'string', enum: [...ExamTypes] }),
        crohoCodes: list({ type: 'string', pattern: '^[0-9]{5}$' }),
      },
    },
    canRetract: { type: 'boolean' },
    transport: {
      type: 'object',
      required: ['kind'],
      description: 'A webhook shows its URL (credentials masked) and hasSecret, never the secret',
      properties: {
        kind: { type: 'string', enum: ['queue', 'webhook'] },
        url: { type: 'string' },
        timeoutMs: { type: 'integer' },
        hasSecret: { type: 'boolean' },
      },
    },
    deliveries: {
      type: 'object',
      description: 'Deliveries by status; absent while no delivery ledger counts them',
      properties: Object.fromEntries(
        DeliveryStatuses.map((status) => [status, { type: 'integer', minimum: 0 }]),
      ),
    },
  },
});
