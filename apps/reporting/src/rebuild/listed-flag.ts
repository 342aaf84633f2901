import type { DeletionReason } from '@rod/contracts';
import type { IrreversibleFlag } from '../flags/domain/irreversible-flag';
import { flagIdOf } from '../flags/domain/irreversible-flag';
import type { ListedFlag } from './ops-client';

/**
 * A flag as propagation lists it, kept as reporting keeps flags. The listing has no event
 * id of the flag itself, so `flaggedEventId` names where it came from.
 */
export function flagFromListing(listed: ListedFlag): IrreversibleFlag {
  return {
    _id: flagIdOf(listed.resultId, listed.partnerId),
    resultId: listed.resultId,
    institutionCode: listed.institutionCode,
    partnerId: listed.partnerId,
    deletedAt: listed.deletedAt,
    reason: listed.reason as DeletionReason,
    deletionEventId: listed.deletionEventId,
    flaggedEventId: `listed:${listed.deletionEventId}`,
  };
}
