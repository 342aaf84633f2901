import type { DeletedResultLine } from '../domain/overview';
import { formatCount, formatShortDate } from './format';
import type { SafeHtml } from './html';
import { markup } from './html';
import { examTypeLabel, reasonLabel } from './labels';

const date = (instant: string): SafeHtml =>
  markup`<time datetime="${instant}">${formatShortDate(instant)}</time>`;

function partners(codes: readonly string[]): SafeHtml {
  if (codes.length === 0) return markup`<span aria-label="none">–</span>`;
  return markup`${codes.map((code, i) => markup`${i > 0 ? ', ' : ''}<code>${code}</code>`)}`;
}

const row = (line: DeletedResultLine): SafeHtml => markup`<tr>
<th scope="row"><code>${line.resultId}</code></th>
<td>${examTypeLabel(line.examType)}</td>
<td><code>${line.crohoCode}</code></td>
<td>${date(line.registeredAt)}</td>
<td>${date(line.deletedAt)}</td>
<td>${reasonLabel(line.reason)}</td>
<td class="num">${formatCount(line.extractsIssued)}</td>
<td>${partners(line.irreversiblePartners)}</td>
</tr>
`;

/**
 * The deleted results, oldest deletion first, in a box that scrolls sideways on a phone
 * (focusable, so a keyboard can scroll it too); a plain sentence when there are none.
 */
export function deletedResultsTable(lines: readonly DeletedResultLine[]): SafeHtml {
  if (lines.length === 0) {
    return markup`<p class="empty" data-empty="deleted-results">No results were deleted in this period.</p>`;
  }
  return markup`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="deleted-results">
<table data-table="deleted-results">
<thead><tr><th scope="col">Result</th><th scope="col">Exam type</th><th scope="col">CROHO</th><th scope="col">Registered</th><th scope="col">Deleted</th><th scope="col">Reason</th><th scope="col" class="num">Extracts</th><th scope="col">Irreversible at</th></tr></thead>
<tbody>
${lines.map(row)}</tbody>
</table>
</div>`;
}
