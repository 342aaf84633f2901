import type { ReplayRequestV1, ReplayStartedV1 } from '@rod/contracts';
import { replayFromInstant } from '@rod/contracts';

/** One replay, decided: its id, where the events go, and from when (epoch ms; null: all). */
export interface ReplayPlan {
  replayId: string;
  queue: string;
  from: number | null;
}

/** The plan for a validated request (whose `from`, when given, is a valid instant or date). */
export function replayPlan(request: ReplayRequestV1, replayId: string): ReplayPlan {
  const from =
    request.from === undefined || request.from === null ? null : replayFromInstant(request.from);
  if (from === undefined) throw new Error('from was not validated');
  return { replayId, queue: request.queue, from };
}

/** `from` as the replay's answer and marker say it: ISO 8601 in UTC, or null. */
export function fromOf(plan: ReplayPlan): string | null {
  return plan.from === null ? null : new Date(plan.from).toISOString();
}

/** The answer to the request that started the replay. */
export function replayStarted(plan: ReplayPlan): ReplayStartedV1 {
  return { replayId: plan.replayId, queue: plan.queue, from: fromOf(plan) };
}
