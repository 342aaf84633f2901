import type { ExamType, ProgrammeLevel, ProgrammeV1 } from '@rod/contracts';

/** Which results a partner receives; an absent list means "all". */
export interface PartnerFilter {
  levels?: ProgrammeLevel[];
  examTypes?: ExamType[];
  crohoCodes?: string[];
}

export interface Partner {
  id: string;
  name: string;
  filter: PartnerFilter;
  /** Whether the partner can undo a delivery when the result is deleted. */
  canRetract: boolean;
  transport: { kind: 'queue' };
}

export function partnerReceives(partner: Partner, programme: ProgrammeV1): boolean {
  const { levels, examTypes, crohoCodes } = partner.filter;
  return (
    (!levels || levels.includes(programme.level)) &&
    (!examTypes || examTypes.includes(programme.examType)) &&
    (!crohoCodes || crohoCodes.includes(programme.crohoCode))
  );
}
