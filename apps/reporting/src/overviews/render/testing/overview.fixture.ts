import type { DeletedResultLine, InstitutionOverview } from '../../domain/overview';

/** Test data for the renderers (not built into the service: `testing/` is left out). */

const line = (
  sequence: string,
  fields: Partial<DeletedResultLine> & Pick<DeletedResultLine, 'reason' | 'deletedAt'>,
): DeletedResultLine => ({
  resultId: `21PA-${sequence}`,
  examType: 'bachelor',
  crohoCode: '34475',
  registeredAt: '2026-03-02T09:15:00.000Z',
  deletedBy: 'institution',
  extractsIssued: 0,
  irreversiblePartners: [],
  ...fields,
});

/** A built November 2026 overview of 21PA with deletions of most reasons. */
export function institutionOverviewFixture(
  overrides: Partial<InstitutionOverview> = {},
): InstitutionOverview {
  return {
    period: '2026-11',
    from: '2026-05-01',
    to: '2026-11-01',
    preview: false,
    institutionCode: '21PA',
    generatedAt: '2026-11-01T05:00:12.345Z',
    registered: 1284,
    deleted: 9,
    deletionRate: 0.007,
    byReason: {
      'administrative-error': 4,
      'registered-too-early': 1,
      'student-request-extra-courses': 1,
      'student-request-grade-improvement': 0,
      duplicate: 2,
      fraud: 1,
      other: 0,
    },
    byExamType: { propedeuse: 2, 'associate-degree': 0, bachelor: 5, master: 2 },
    deletedWithExtract: 3,
    irreversibleDeliveries: { 'cibg-big': 2, mijnoverheid: 0 },
    fraudReports: 2,
    lateRegistrations: 17,
    previousPeriod: { period: '2026-05', deleted: 12, deletionRate: 0.0098 },
    nationalDeletionRate: 0.0061,
    rateHistory: [
      {
        period: '2024-05',
        registered: 1102,
        deleted: 15,
        deletionRate: 0.0136,
        nationalDeletionRate: 0.0089,
      },
      {
        period: '2024-11',
        registered: 1350,
        deleted: 14,
        deletionRate: 0.0104,
        nationalDeletionRate: 0.0081,
      },
      {
        period: '2025-05',
        registered: 1190,
        deleted: 13,
        deletionRate: 0.0109,
        nationalDeletionRate: 0.0077,
      },
      {
        period: '2025-11',
        registered: 1311,
        deleted: 10,
        deletionRate: 0.0076,
        nationalDeletionRate: 0.007,
      },
      {
        period: '2026-05',
        registered: 1224,
        deleted: 12,
        deletionRate: 0.0098,
        nationalDeletionRate: 0.0066,
      },
      {
        period: '2026-11',
        registered: 1284,
        deleted: 9,
        deletionRate: 0.007,
        nationalDeletionRate: 0.0061,
      },
    ],
    deletedResults: [
      line('2026000101', {
        reason: 'administrative-error',
        deletedAt: '2026-05-04T08:30:00.000Z',
        examType: 'propedeuse',
        crohoCode: '34475',
      }),
      line('2026000117', { reason: 'duplicate', deletedAt: '2026-05-19T13:02:00.000Z' }),
      line('2026000122', {
        reason: 'registered-too-early',
        deletedAt: '2026-06-02T10:45:00.000Z',
        examType: 'master',
        crohoCode: '66990',
      }),
      line('2026000140', {
        reason: 'administrative-error',
        deletedAt: '2026-06-20T07:10:00.000Z',
        crohoCode: '56226',
        extractsIssued: 1,
        irreversiblePartners: ['cibg-big'],
      }),
      line('2026000141', { reason: 'duplicate', deletedAt: '2026-06-20T07:11:00.000Z' }),
      line('2026000163', {
        reason: 'student-request-extra-courses',
        deletedAt: '2026-07-08T14:20:00.000Z',
        examType: 'propedeuse',
        extractsIssued: 2,
      }),
      line('2026000180', {
        reason: 'fraud',
        deletedBy: 'helpdesk',
        deletedAt: '2026-09-14T11:00:00.000Z',
        crohoCode: '56226',
        extractsIssued: 1,
        irreversiblePartners: ['cibg-big'],
      }),
      line('2026000192', {
        reason: 'administrative-error',
        deletedAt: '2026-10-01T09:05:00.000Z',
        examType: 'master',
        crohoCode: '60438',
      }),
      line('2026000205', { reason: 'administrative-error', deletedAt: '2026-10-30T22:30:00.000Z' }),
    ],
    ...overrides,
  };
}

/** A period in which the institution deleted nothing (and had no history before). */
export function emptyOverviewFixture(
  overrides: Partial<InstitutionOverview> = {},
): InstitutionOverview {
  return institutionOverviewFixture({
    registered: 0,
    deleted: 0,
    deletionRate: 0,
    byReason: {
      'administrative-error': 0,
      'registered-too-early': 0,
      'student-request-extra-courses': 0,
      'student-request-grade-improvement': 0,
      duplicate: 0,
      fraud: 0,
      other: 0,
    },
    byExamType: { propedeuse: 0, 'associate-degree': 0, bachelor: 0, master: 0 },
    deletedWithExtract: 0,
    irreversibleDeliveries: {},
    fraudReports: 0,
    lateRegistrations: 0,
    previousPeriod: { period: '2026-05', deleted: 0, deletionRate: 0 },
    nationalDeletionRate: 0,
    rateHistory: [
      { period: '2026-11', registered: 0, deleted: 0, deletionRate: 0, nationalDeletionRate: 0 },
    ],
    deletedResults: [],
    ...overrides,
  });
}
