import { compareStrings } from './compare';
import { instantOf } from './instants';
import type { Period } from './periods';

/** What an overview needs of one irreversible delivery (a stored flag has more). */
export interface IrreversibleFlagFact {
  resultId: string;
  institutionCode: string;
  partnerId: string;
  deletedAt: string;
}

/** The flags of a build, resolved for its period. */
export interface ResolvedFlags {
  /** Every partner with a flag in the period anywhere in the country, sorted. */
  partners: string[];
  /** Per institution: flags in the period per partner. */
  byInstitution: Map<string, Map<string, number>>;
  /** Per result: every partner flagged for it, sorted (for the list of deleted results). */
  partnersOf: Map<string, string[]>;
}

/**
 * The irreversible deliveries of a build. One per (result, partner): the same flag again
 * counts once; should two differ, the earliest `deletedAt` (then the lowest institution
 * code) is kept, so that the outcome never depends on the order they were added in.
 */
export class IrreversibleFlags {
  private readonly flags = new Map<string, IrreversibleFlagFact>();

  add(flag: IrreversibleFlagFact): void {
    const { resultId, institutionCode, partnerId, deletedAt } = flag;
    const key = `${resultId}\u0000${partnerId}`;
    const known = this.flags.get(key);
    if (known && !precedes({ institutionCode, deletedAt }, known)) return;
    this.flags.set(key, { resultId, institutionCode, partnerId, deletedAt });
  }

  /** Counts the flags whose `deletedAt` falls in `period`, per institution and partner. */
  resolve(period: Period): ResolvedFlags {
    const partners = new Set<string>();
    const byInstitution = new Map<string, Map<string, number>>();
    const partnersOf = new Map<string, string[]>();
    for (const flag of this.flags.values()) {
      const held = partnersOf.get(flag.resultId);
      if (held) held.push(flag.partnerId);
      else partnersOf.set(flag.resultId, [flag.partnerId]);

      const at = instantOf(flag.deletedAt);
      if (!(at >= period.fromInstant && at < period.toInstant)) continue;
      partners.add(flag.partnerId);
      let counts = byInstitution.get(flag.institutionCode);
      if (!counts) byInstitution.set(flag.institutionCode, (counts = new Map<string, number>()));
      counts.set(flag.partnerId, (counts.get(flag.partnerId) ?? 0) + 1);
    }
    for (const held of partnersOf.values()) held.sort(compareStrings);
    return { partners: [...partners].sort(compareStrings), byInstitution, partnersOf };
  }
}

function precedes(
  a: Pick<IrreversibleFlagFact, 'deletedAt' | 'institutionCode'>,
  b: Pick<IrreversibleFlagFact, 'deletedAt' | 'institutionCode'>,
): boolean {
  return (
    compareStrings(a.deletedAt, b.deletedAt) < 0 ||
    (a.deletedAt === b.deletedAt && compareStrings(a.institutionCode, b.institutionCode) < 0)
  );
}
