import { institutionPreconditions } from './change-decision';
import type { ResultRecord } from './result-state';
import { aMeta, aRecord } from './testing/records';

const command = { institutionCode: '21PA', resultSequence: '2026000123' };
const reply = {
  commandId: 'cmd-2',
  command: 'CorrectResult',
  status: 'accepted' as const,
  resultId: '21PA-2026000123',
  errors: [],
};

describe('institutionPreconditions', () => {
  it.each<[string, Partial<typeof command>, string, ResultRecord | null, string | null]>([
    ['another institution acting', {}, '22XY', aRecord(), 'not-allowed'],
    [
      'a command naming another institution',
      { institutionCode: '22XY' },
      '21PA',
      aRecord(),
      'not-allowed',
    ],
    ['no such result', {}, '21PA', null, 'unknown-result'],
    ['a deleted result', {}, '21PA', aRecord({ status: 'deleted' }), 'already-deleted'],
    ['a registered result', {}, '21PA', aRecord(), null],
    [
      'a suspended result (left to the command)',
      {},
      '21PA',
      aRecord({ status: 'suspended' }),
      null,
    ],
  ])('%s: %s', (_name, change, acting, record, code) => {
    const decision = institutionPreconditions(
      'CorrectResult',
      { ...command, ...change },
      aMeta({ actingInstitution: acting }),
      record,
    );
    if (code === null) expect(decision).toBeNull();
    else expect(decision).toMatchObject({ kind: 'rejected', reply: { errors: [{ code }] } });
  });

  it('answers a repeated command id with its first reply, even on a deleted result', () => {
    const record = aRecord({ status: 'deleted', commands: [{ key: '21PA/cmd-2', reply }] });
    expect(institutionPreconditions('CorrectResult', command, aMeta(), record)).toEqual({
      kind: 'repeat',
      reply,
    });
  });

  it("does not take another sender's command id for a repeat", () => {
    const record = aRecord({ commands: [{ key: 'helpdesk/cmd-2', reply }] });
    expect(institutionPreconditions('CorrectResult', command, aMeta(), record)).toBeNull();
  });

  it('checks the institution before revealing whether the result exists', () => {
    const decision = institutionPreconditions(
      'CorrectResult',
      command,
      aMeta({ actingInstitution: '22XY' }),
      null,
    );
    expect(decision?.reply.errors[0]?.code).toBe('not-allowed');
  });
});
