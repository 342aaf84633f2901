import type { BatchFormat } from './batch-line';

const FORMAT_BY_MEDIA_TYPE: Readonly<Record<string, BatchFormat>> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};

/** The batch format a Content-Type names (parameters such as charset ignored), or null. */
export function batchFormatOf(contentType: string | undefined): BatchFormat | null {
  if (!contentType) return null;
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  return Object.hasOwn(FORMAT_BY_MEDIA_TYPE, mediaType) ? FORMAT_BY_MEDIA_TYPE[mediaType] : null;
}
