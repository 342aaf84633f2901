import type { ExchangeName } from '../topology';
import { Exchanges, RoutingKeys } from '../topology';
import { DeliveryFailedDataV1 } from './delivery-failed.event.v1';
import { DeliveryRetractedDataV1 } from './delivery-retracted.event.v1';
import { DeliverySucceededDataV1 } from './delivery-succeeded.event.v1';
import { ExtractIssuedDataV1 } from './extract-issued.event.v1';
import { IrreversibleDeliveryFlaggedDataV1 } from './irreversible-delivery-flagged.event.v1';
import { OverviewPublishedDataV1 } from './overview-published.event.v1';
import { ResultCorrectedDataV1 } from './result-corrected.event.v1';
import { ResultDeletedDataV1 } from './result-deleted.event.v1';
import { ResultRegisteredDataV1 } from './result-registered.event.v1';
import { ResultReinstatedDataV1 } from './result-reinstated.event.v1';
import { ResultSuspendedDataV1 } from './result-suspended.event.v1';

interface EventDefinition {
  exchange: ExchangeName;
  routingKey: string;
  data: new () => object;
}

/** Every event of the contract: where it is published and the class of its `data`. */
export const Events = {
  ResultRegistered: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.resultRegistered,
    data: ResultRegisteredDataV1,
  },
  ResultCorrected: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.resultCorrected,
    data: ResultCorrectedDataV1,
  },
  ResultDeleted: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.resultDeleted,
    data: ResultDeletedDataV1,
  },
  ResultSuspended: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.resultSuspended,
    data: ResultSuspendedDataV1,
  },
  ResultReinstated: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.resultReinstated,
    data: ResultReinstatedDataV1,
  },
  ExtractIssued: {
    exchange: Exchanges.resultsEvents,
    routingKey: RoutingKeys.extractIssued,
    data: ExtractIssuedDataV1,
  },
  DeliverySucceeded: {
    exchange: Exchanges.propagationEvents,
    routingKey: RoutingKeys.deliverySucceeded,
    data: DeliverySucceededDataV1,
  },
  DeliveryFailed: {
    exchange: Exchanges.propagationEvents,
    routingKey: RoutingKeys.deliveryFailed,
    data: DeliveryFailedDataV1,
  },
  DeliveryRetracted: {
    exchange: Exchanges.propagationEvents,
    routingKey: RoutingKeys.deliveryRetracted,
    data: DeliveryRetractedDataV1,
  },
  IrreversibleDeliveryFlagged: {
    exchange: Exchanges.propagationEvents,
    routingKey: RoutingKeys.deliveryIrreversible,
    data: IrreversibleDeliveryFlaggedDataV1,
  },
  OverviewPublished: {
    exchange: Exchanges.reportingEvents,
    routingKey: RoutingKeys.overviewPublished,
    data: OverviewPublishedDataV1,
  },
} as const satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof Events;
export type EventData<T extends EventType> = InstanceType<(typeof Events)[T]['data']>;

export const isEventType = (type: unknown): type is EventType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(Events, type);
