/**
 * What an idempotent consumer does with a result's event, given the last sequence
 * number it applied for that result: apply the next one, drop what it already has,
 * and hold back an event that overtook one still missing.
 */
export type SequenceDecision = 'apply' | 'duplicate' | 'early';

export function decideSequence(lastApplied: number, incoming: number): SequenceDecision {
  if (incoming <= lastApplied) return 'duplicate';
  if (incoming === lastApplied + 1) return 'apply';
  return 'early';
}
