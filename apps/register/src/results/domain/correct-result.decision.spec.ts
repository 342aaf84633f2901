import type { CorrectResultV1 } from '@rod/contracts';
import { validateEvent } from '@rod/contracts';
import { decideCorrection } from './correct-result.decision';
import { NOW, aMeta, aRecord } from './testing/records';

const ids = { institutionCode: '21PA', resultSequence: '2026000123' };

describe('decideCorrection', () => {
  it.each<[string, Omit<CorrectResultV1, 'institutionCode' | 'resultSequence'>, string[]]>([
    ['the exam date', { examDate: '2026-07-01' }, ['examDate']],
    ['the study mode', { studyMode: 'dual' }, ['studyMode']],
    ['the person', { person: { educationNumber: '100087109' } }, ['person']],
    [
      'the programme as a whole',
      { programme: { crohoCode: '34479', level: 'HBO', examType: 'master' } },
      ['programme'],
    ],
    [
      'two fields, one of them unchanged',
      { examDate: '2026-07-03', studyMode: 'part-time', person: { bsn: '111222333' } },
      ['person', 'studyMode'],
    ],
  ])('corrects %s', (_name, change, changed) => {
    const decision = decideCorrection({ ...ids, ...change }, aMeta(), aRecord(), NOW);
    if (decision.kind !== 'changed' || !decision.event) throw new Error('expected an event');
    expect(decision.event).toMatchObject({
      type: 'ResultCorrected',
      sequence: 2,
      resultId: '21PA-2026000123',
      causationId: 'cmd-2',
      correlationId: 'corr-2',
      data: { changed },
    });
    expect(decision.fields).toEqual({ ...aRecord().fields, ...change });
    expect(decision.event.data).toEqual({ result: decision.fields, changed });
    expect(validateEvent(JSON.parse(JSON.stringify(decision.event))).ok).toBe(true);
    expect(decision.status).toBe('registered');
    expect(decision.reply).toMatchObject({ status: 'accepted', command: 'CorrectResult' });
  });

  it('accepts a correction that changes nothing without an event', () => {
    const decision = decideCorrection({ ...ids, studyMode: 'full-time' }, aMeta(), aRecord(), NOW);
    expect(decision).toMatchObject({ kind: 'changed', reply: { status: 'accepted' } });
    expect(decision.kind === 'changed' && decision.event).toBeUndefined();
  });

  it('numbers the event after the last one of the history', () => {
    const decision = decideCorrection(
      { ...ids, studyMode: 'dual' },
      aMeta(),
      aRecord({ sequence: 7 }),
      NOW,
    );
    expect(decision.kind === 'changed' && decision.event?.sequence).toBe(8);
  });

  it.each([
    ['suspended', 'invalid-state'],
    ['deleted', 'already-deleted'],
  ] as const)('refuses to correct a %s result (%s)', (status, code) => {
    const decision = decideCorrection(
      { ...ids, studyMode: 'dual' },
      aMeta(),
      aRecord({ status }),
      NOW,
    );
    expect(decision).toMatchObject({ kind: 'rejected', reply: { errors: [{ code }] } });
  });
});
