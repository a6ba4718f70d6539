import type { RefreshReport, ScopeDrift } from '@abad/core';

/**
 * The refresh report for people: one summary line (the timer logs it), and for
 * `npm run refresh` one line per scope that differed, saying what and whether it was fixed.
 */
export function refreshSummary(report: RefreshReport): string {
  const repaired = report.drift.filter((d) => d.repaired).length;
  const invalid = report.invalidItems.length ? `, ${report.invalidItems.length} items that cannot be counted` : '';
  const unmatched = report.unmatchedCounties.length ? `, ${report.unmatchedCounties.length} county names outside the catalogue` : '';
  return `${report.itemsScanned} items scanned, ${report.drift.length} of ${report.scopesChecked} scopes with drift, ${repaired} repaired${invalid}${unmatched}`;
}

export function refreshReportLines(report: RefreshReport): string[] {
  const lines = [`Refresh: ${refreshSummary(report)}.`];
  for (const drift of report.drift) lines.push(`  ${drift.scope}: ${outcome(drift)} — ${differences(drift)}`);
  for (const item of report.invalidItems) lines.push(`  cannot be counted: ${JSON.stringify(item.keys)} (${item.issues.join('; ')})`);
  for (const county of report.unmatchedCounties) {
    const nearest = county.suggestions.length ? `; nearest: ${county.suggestions.join('، ')}` : '';
    lines.push(
      `  county «${county.county}» in ${county.province} is not in the catalogue (${county.records} records, counted for the province only${nearest})`,
    );
  }
  lines.push(`Shard marks pruned: ${report.marksPruned}. History for ${report.historyDate}: ${report.historyWritten} snapshots written.`);
  return lines;
}

function outcome(drift: ScopeDrift): string {
  switch (drift.reason) {
    case 'repaired':
      return 'repaired';
    case 'not-quiet':
      return 'not repaired (changed within the quiet period; a stream record may still be on its way)';
    case 'changed-during-refresh':
      return 'not repaired (changed while the refresh ran)';
  }
}

function differences(drift: ScopeDrift): string {
  return Object.entries(drift.differences)
    .map(([counter, [stored, expected]]) => `${counter} ${stored} → ${expected}`)
    .join(', ');
}
