import { api, tokenFor } from '../../support/api.ts';
import { eventually } from '../../support/eventually.ts';
import { donationBody } from '../../support/fixtures.ts';

/**
 * A donation in Hamadan, counted: the dashboard then shows figures. An Abad with nothing recorded
 * shows what to do instead of a table of zeros (test/web/states.test.ts), so a test of the
 * figures makes sure something is recorded, whichever test files ran before it.
 */
export async function somethingRecorded(driveId: string): Promise<void> {
  const admin = await tokenFor('admin', '*');
  const posted = await api('/donations', { token: admin, body: donationBody(driveId) });
  if (posted.status !== 201) throw new Error(`donation not recorded: ${JSON.stringify(posted.body)}`);
  await eventually(
    async () => (await api('/provinces/IR-13')).body.donations.count as number,
    (count) => count > 0,
    30_000,
  );
}
