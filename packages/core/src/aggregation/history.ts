/** Daily snapshots written by the refresh: `HIST#<scope>` / `<yyyy-mm-dd>`. */
export const NATIONAL_SCOPE = 'NATIONAL';

export function historyKey(scope: string, date: string) {
  return { pk: `HIST#${scope}`, sk: date };
}
