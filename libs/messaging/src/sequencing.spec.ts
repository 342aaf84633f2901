import type { SequenceDecision } from './sequencing';
import { decideSequence } from './sequencing';

describe('decideSequence', () => {
  it.each([
    [0, 1, 'apply', 'the first event of a result'],
    [1, 2, 'apply', 'the next event'],
    [41, 42, 'apply', 'the next event of a long history'],
    [1, 1, 'duplicate', 'the event applied last, redelivered'],
    [5, 3, 'duplicate', 'an older event, redelivered'],
    [5, 0, 'duplicate', 'a sequence of 0 after events were applied'],
    [0, 0, 'duplicate', 'sequence 0 before anything was applied'],
    [0, 2, 'early', 'the second event before the first'],
    [1, 3, 'early', 'an event that overtook the one before it'],
    [1, 100, 'early', 'an event far ahead'],
  ] as [number, number, SequenceDecision, string][])(
    'after %i, decides %i is %s (%s)',
    (lastApplied, incoming, decision) => {
      expect(decideSequence(lastApplied, incoming)).toBe(decision);
    },
  );
});
