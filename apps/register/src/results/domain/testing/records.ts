import type { CommandMeta } from '../command-meta';
import type { ResultRecord } from '../result-state';

/** A registered result and the meta of a command on it, for the decisions' unit tests. */
export function aRecord(overrides: Partial<ResultRecord> = {}): ResultRecord {
  return {
    _id: '21PA-2026000123',
    institutionCode: '21PA',
    resultSequence: '2026000123',
    status: 'registered',
    fields: {
      resultSequence: '2026000123',
      person: { bsn: '123456782' },
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
    },
    registeredAt: '2026-07-04T09:12:00.000Z',
    late: false,
    sequence: 1,
    history: [],
    commands: [],
    holdings: [],
    extractsIssued: 0,
    extracts: [],
    ...overrides,
  };
}

export const aMeta = (overrides: Partial<CommandMeta> = {}): CommandMeta => ({
  commandId: 'cmd-2',
  correlationId: 'corr-2',
  actingInstitution: '21PA',
  door: 'amqp',
  ...overrides,
});

export const NOW = new Date('2026-09-01T10:00:00.000Z');
