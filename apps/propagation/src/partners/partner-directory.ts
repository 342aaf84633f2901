import type { Partner } from './domain/partner';
import type { PublicPartner } from './domain/partner-public-view';
import { partnerPublicView } from './domain/partner-public-view';
import type { PartnersSettings } from './partners-file/load-partners';
import { loadPartners } from './partners-file/load-partners';

/**
 * The configured partners, read once at start-up from the partners file (with the
 * partner variables applied). Inject it; Nest builds it with PartnerDirectory.load.
 */
export class PartnerDirectory {
  private readonly partners: readonly Partner[];
  private readonly byId: ReadonlyMap<string, Partner>;

  constructor(partners: readonly Partner[]) {
    this.partners = partners.map((p) => deepFreeze(structuredClone(p)));
    this.byId = new Map(this.partners.map((p) => [p.id, p]));
  }

  static load(settings: PartnersSettings): PartnerDirectory {
    return new PartnerDirectory(loadPartners(settings));
  }

  /** Every partner, in the order of the file. */
  all(): Partner[] {
    return [...this.partners];
  }

  get(id: string): Partner | undefined {
    return this.byId.get(id);
  }

  /** Every partner as operations may see it: no webhook secret. */
  publicView(): PublicPartner[] {
    return this.partners.map(partnerPublicView);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
