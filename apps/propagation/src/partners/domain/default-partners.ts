import type { Partner } from './partner';

/**
 * Programme codes of healthcare programmes whose graduates CIBG registers in the
 * BIG-register (medicine, dentistry, pharmacy, nursing, physiotherapy, midwifery,
 * health-care psychology, …). An illustrative list in the shape of CROHO codes;
 * operations replace it with CIBG's current list through configuration.
 */
export const HEALTHCARE_CROHO_CODES = [
  '56551', // Geneeskunde (WO bachelor)
  '66550', // Geneeskunde (WO master)
  '56560', // Tandheelkunde (WO bachelor)
  '66560', // Tandheelkunde (WO master)
  '56157', // Farmacie (WO bachelor)
  '66157', // Farmacie (WO master)
  '34560', // Verpleegkunde (HBO bachelor)
  '34566', // Fysiotherapie (HBO bachelor)
  '34555', // Verloskunde (HBO bachelor)
  '66604', // Gezondheidszorgpsychologie (WO master)
];

/** The two partners of DOMAIN.md. */
export const DEFAULT_PARTNERS: Partner[] = [
  {
    id: 'cibg-big',
    name: 'CIBG (BIG-register)',
    filter: { crohoCodes: HEALTHCARE_CROHO_CODES },
    canRetract: false,
    transport: { kind: 'queue' },
  },
  {
    id: 'mijnoverheid',
    name: 'MijnOverheid',
    filter: {},
    canRetract: true,
    transport: { kind: 'queue' },
  },
];
