import type { EventEnvelope } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { BuiltOverviews } from './overview';

/** The totals of a build: what a later rebuild keeps of it for comparison. */
export interface BuildTotals {
  revision: number;
  generatedAt: string;
  preview: boolean;
  registered: number;
  deleted: number;
  deletionRate: number;
  institutions: {
    institutionCode: string;
    registered: number;
    deleted: number;
    deletionRate: number;
  }[];
}

export function totalsOf(built: BuiltOverviews, revision: number): BuildTotals {
  const { national } = built;
  return {
    revision,
    generatedAt: national.generatedAt,
    preview: national.preview,
    registered: national.registered,
    deleted: national.deleted,
    deletionRate: national.deletionRate,
    institutions: built.institutions.map(
      ({ institutionCode, registered, deleted, deletionRate }) => ({
        institutionCode,
        registered,
        deleted,
        deletionRate,
      }),
    ),
  };
}

/**
 * `OverviewPublished` for a build of an ended period (a preview is not published: its
 * figures can still change). `sequence` is the build's revision of the period.
 */
export function overviewPublished(
  built: BuiltOverviews,
  revision: number,
): EventEnvelope<'OverviewPublished'> | null {
  const { national } = built;
  if (national.preview) return null;
  const id = `overview-${national.period}-r${revision}`;
  return createEnvelope({
    type: 'OverviewPublished',
    producer: 'reporting',
    correlationId: id,
    causationId: id,
    resultId: null,
    institutionCode: null,
    sequence: revision,
    data: {
      period: national.period,
      from: national.from,
      to: national.to,
      institutions: built.institutions.length,
      generatedAt: national.generatedAt,
    },
    occurredAt: new Date(national.generatedAt),
  });
}
