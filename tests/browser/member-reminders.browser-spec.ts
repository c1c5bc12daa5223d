import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { moveBid } from '../e2e/support/bid-state';
import { importExampleBid } from '../e2e/support/example-bid';
import { memberByKey } from '../e2e/support/system';
import { screenshot } from './support/browser';
import { signedInPage, webSystemForTests } from './support/web-system';

const COORDINATOR = 'coordination@reseau-relances.test';

describe('The coordinator reminds a member who has not declared ("Relancer"), in Chromium', () => {
  const system = webSystemForTests({ worker: false });

  it('clicks Relancer on the member without offers and sees the date of the reminder', async () => {
    const { dataSource, persistence } = system;
    const access = persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau des relances');
    const user = await access.ensureUser(COORDINATOR, 'Coordination');
    await access.grant(user.id, 'COORDINATOR', { networkId });
    const bidId = await importExampleBid(persistence, networkId);
    await moveBid(dataSource, bidId, 'COLLECTING');
    const late = await memberByKey(dataSource, bidId, 'org-001');
    await dataSource.query('DELETE FROM offers WHERE member_id = $1', [late.id]);
    const { legal_name: name } = at(
      await dataSource.query<{ legal_name: string }[]>(
        'SELECT legal_name FROM organisations WHERE id = $1',
        [late.organisationId],
      ),
      0,
    );

    const page = await signedInPage(
      system,
      { email: COORDINATOR, userId: user.id },
      `/candidatures/${bidId}/membres`,
    );
    await page.getByRole('heading', { name: 'Membres du groupement' }).waitFor();

    // Only the member who has not declared can be reminded.
    const table = page.locator('table').filter({ hasText: 'Structure' });
    expect(await table.getByRole('button', { name: /^Relancer / }).count()).toBe(1);
    await page.getByRole('button', { name: 'Relancer les retardataires (1)' }).waitFor();
    await table.getByRole('button', { name: `Relancer ${name}` }).click();
    await page.getByText(`${name} est relancé`).waitFor();
    const row = table.getByRole('row').filter({ hasText: name });
    await row.getByText(/^Relancé le \d{1,2} \S+ \d{4}/).waitFor();
    await screenshot(page, 'relance-membre');

    const mails = await dataSource.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM outgoing_mails WHERE subject LIKE 'Rappel%'",
    );
    expect(mails).toEqual([{ n: 1 }]);
    const reminded = await dataSource.query<{ remindedAt: Date | null }[]>(
      'SELECT last_reminded_at AS "remindedAt" FROM members WHERE id = $1',
      [late.id],
    );
    expect(at(reminded, 0).remindedAt).toBeInstanceOf(Date);
  });
});
