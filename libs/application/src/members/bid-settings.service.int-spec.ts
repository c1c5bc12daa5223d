import { type Actor, DomainError } from '@cordage/domain';
import { clearData, moveDeadline, testPersistence } from '@cordage/testing';
import { agreedBid } from '../signing/signed-bid.fixture';
import { BidSettingsService } from './bid-settings.service';

const coordinator: Actor = { userId: null, label: 'test', requestId: null };

describe('BidSettingsService on Postgres', () => {
  const persistence = testPersistence();
  let settings: BidSettingsService;
  let bidId: string;

  const stored = async () =>
    (
      await persistence.dataSource.query<{ convention_settings: Record<string, unknown> }[]>(
        'SELECT convention_settings FROM bids WHERE id = $1',
        [bidId],
      )
    )[0]?.convention_settings;

  beforeAll(() => {
    settings = persistence.get(BidSettingsService);
  });

  beforeEach(async () => {
    await clearData(persistence.dataSource);
    ({ bidId } = await agreedBid(persistence.context, persistence.dataSource, 'AGREED'));
    // The submission deadline six weeks from now, whatever the day the test runs.
    await moveDeadline(persistence.dataSource, bidId, 42);
  });

  it('refuses a notice to leave longer than the time left before the deadline, and saves nothing', async () => {
    const error: unknown = await settings
      .change(bidId, { convention: { exitNoticeDays: 90, redistributionDays: 30 } }, coordinator)
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        'Le préavis de retrait (90\u00a0jours) dépasse le temps qui reste avant la date limite ' +
          'de remise des offres (42\u00a0jours)',
      ),
      problems: [{ path: 'exitNoticeDays', code: 'EXIT_NOTICE_AFTER_DEADLINE' }],
    });
    expect(await stored()).toEqual({});
  });

  it('saves a notice that fits, and checks the whole: a later change keeps being checked', async () => {
    await settings.change(bidId, { convention: { exitNoticeDays: 42 } }, coordinator);
    expect(await stored()).toEqual({ exitNoticeDays: 42 });

    // The buyer brings the deadline forward: another parameter cannot be saved over a notice
    // that no longer fits, and the message names the notice.
    await moveDeadline(persistence.dataSource, bidId, 20);
    await expect(
      settings.change(bidId, { convention: { redistributionDays: 30 } }, coordinator),
    ).rejects.toMatchObject({ problems: [{ path: 'exitNoticeDays' }] });
    expect(await stored()).toEqual({ exitNoticeDays: 42 });
  });
});
