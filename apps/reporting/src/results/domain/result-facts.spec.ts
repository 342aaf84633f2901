import type { EventEnvelope, EventType } from '@rod/contracts';
import type { ResultFacts } from './result-facts';
import { applyToFacts } from './result-facts';

const BSN = '123456782';
const EDUCATION_NUMBER = '100087109';

function event(type: EventType, data: unknown, sequence = 2): EventEnvelope {
  return {
    eventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
    type,
    schemaVersion: 1,
    occurredAt: '2026-07-04T09:12:00.000Z',
    producer: 'register',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    resultId: '21PA-2026000123',
    institutionCode: '21PA',
    sequence,
    data,
  };
}

const snapshot = {
  resultSequence: '2026000123',
  person: { bsn: BSN },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-05-01',
  studyMode: 'full-time',
};

const registered = event(
  'ResultRegistered',
  { ...snapshot, registeredAt: '2026-07-04T09:12:00.000Z', late: true },
  1,
);

const facts: ResultFacts = {
  institutionCode: '21PA',
  crohoCode: '34479',
  level: 'HBO',
  examType: 'bachelor',
  registeredAt: '2026-07-04T09:12:00.000Z',
  late: true,
  status: 'registered',
  deletedAt: null,
  deletionReason: null,
  deletedBy: null,
  extractsIssued: 0,
  fraudReportedAt: [],
};

const corrected = event('ResultCorrected', {
  result: {
    ...snapshot,
    person: { educationNumber: EDUCATION_NUMBER },
    programme: { crohoCode: '80000', level: 'HBO', examType: 'associate-degree' },
  },
  changed: ['person', 'programme'],
});

const deleted = event('ResultDeleted', {
  reason: 'student-request-extra-courses',
  explanation: `student ${BSN} asked`,
  deletedAt: '2026-08-01T10:00:00.000Z',
  deletedBy: 'institution',
  acknowledgedIrreversible: true,
  consequences: {
    extractsIssued: 1,
    partnersHolding: [{ partnerId: 'cibg-big', canRetract: false }],
  },
  registeredAt: '2026-07-04T09:12:00.000Z',
  programme: snapshot.programme,
  person: { bsn: BSN },
});

const suspended = event('ResultSuspended', {
  explanation: `fraud by ${BSN}`,
  reportedAt: '2026-07-10T00:00:00.000Z',
});
const reinstated = event('ResultReinstated', { decidedAt: '2026-07-20T00:00:00.000Z' });
const extract = event('ExtractIssued', {
  extractId: 'x-1',
  issuedAt: '2026-07-05T00:00:00.000Z',
  person: { bsn: BSN },
});

describe('applyToFacts', () => {
  it('starts the facts of a result at its registration', () => {
    expect(applyToFacts(null, registered)).toEqual(facts);
  });

  it.each([
    [
      'ResultCorrected',
      corrected,
      { crohoCode: '80000', level: 'HBO', examType: 'associate-degree' },
    ],
    [
      'ResultDeleted',
      deleted,
      {
        status: 'deleted',
        deletedAt: '2026-08-01T10:00:00.000Z',
        deletionReason: 'student-request-extra-courses',
        deletedBy: 'institution',
      },
    ],
    [
      'ResultSuspended',
      suspended,
      { status: 'suspended', fraudReportedAt: ['2026-07-10T00:00:00.000Z'] },
    ],
    ['ResultReinstated', reinstated, { status: 'registered' }],
    ['ExtractIssued', extract, { extractsIssued: 1 }],
  ] as [string, EventEnvelope, Partial<ResultFacts>][])(
    'applies %s to the registered facts',
    (_type, input, change) => {
      expect(applyToFacts(facts, input)).toEqual({ ...facts, ...change });
    },
  );

  it('keeps the registration facts (institution, registeredAt, late) through a correction', () => {
    expect(applyToFacts(facts, corrected)).toMatchObject({
      institutionCode: '21PA',
      registeredAt: '2026-07-04T09:12:00.000Z',
      late: true,
    });
  });

  it('keeps the date of every fraud report, in order, and counts every extract', () => {
    const again = event('ResultSuspended', {
      explanation: 'again',
      reportedAt: '2026-11-02T08:00:00.000Z',
    });
    const history = [suspended, reinstated, again, extract, extract, extract];
    const result = history.reduce<ResultFacts | null>((f, e) => applyToFacts(f, e), facts);
    expect(result).toMatchObject({
      status: 'suspended',
      fraudReportedAt: ['2026-07-10T00:00:00.000Z', '2026-11-02T08:00:00.000Z'],
      extractsIssued: 3,
    });
  });

  it('keeps no explanation of a fraud report, only its date', () => {
    const result = applyToFacts(facts, suspended);
    expect(JSON.stringify(result)).not.toContain('fraud by');
  });

  it('records a helpdesk deletion after confirmed fraud', () => {
    const helpdesk = event('ResultDeleted', {
      ...(deleted.data as object),
      reason: 'fraud',
      deletedBy: 'helpdesk',
    });
    const reported = { ...facts, status: 'suspended' as const, fraudReportedAt: ['2026-07-10'] };
    expect(applyToFacts(reported, helpdesk)).toMatchObject({
      status: 'deleted',
      deletionReason: 'fraud',
      deletedBy: 'helpdesk',
      fraudReportedAt: ['2026-07-10'],
    });
  });

  it.each([[corrected], [deleted], [suspended], [reinstated], [extract]])(
    'has no facts to change when %# arrives before a registration',
    (input) => {
      expect(applyToFacts(null, input)).toBeNull();
    },
  );

  it.each([
    ['DeliverySucceeded'],
    ['DeliveryFailed'],
    ['DeliveryRetracted'],
    ['IrreversibleDeliveryFlagged'],
    ['OverviewPublished'],
    ['SomethingElse'],
  ])('leaves the facts as they are for %s', (type) => {
    expect(applyToFacts(facts, event(type as EventType, {}))).toBe(facts);
    expect(applyToFacts(null, event(type as EventType, {}))).toBeNull();
  });

  it('does not change the facts it is given', () => {
    const before = structuredClone(facts);
    for (const e of [corrected, deleted, suspended, reinstated, extract]) applyToFacts(facts, e);
    expect(facts).toEqual(before);
  });

  describe('never stores a personal number', () => {
    const histories: [string, EventEnvelope[]][] = [
      ['registration', [registered]],
      ['registration and correction to an education number', [registered, corrected]],
      ['registration, fraud report, reinstatement', [registered, suspended, reinstated]],
      ['registration, extract, deletion', [registered, extract, deleted]],
    ];

    it.each(histories)('after %s', (_name, history) => {
      const result = history.reduce<ResultFacts | null>((f, e) => applyToFacts(f, e), null);
      const json = JSON.stringify(result);
      expect(result).not.toBeNull();
      for (const forbidden of [BSN, EDUCATION_NUMBER, '"person"', '"bsn"', '"educationNumber"']) {
        expect(json).not.toContain(forbidden);
      }
    });

    it('not even when a registration carries unexpected personal fields', () => {
      const leaky = event(
        'ResultRegistered',
        {
          ...(registered.data as object),
          bsn: BSN,
          educationNumber: EDUCATION_NUMBER,
          person: { bsn: BSN, educationNumber: EDUCATION_NUMBER },
        },
        1,
      );
      const json = JSON.stringify(applyToFacts(null, leaky));
      expect(json).not.toContain(BSN);
      expect(json).not.toContain(EDUCATION_NUMBER);
      expect(json).not.toMatch(/person|bsn|educationNumber/);
    });
  });
});
