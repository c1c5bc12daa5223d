import { moveBid } from './support/bid-state';
import { type SignedIn } from './support/actors';
import { pollJob } from './support/harness';
import { allocatingExampleBid, otherNetworkCoordinator, systemForTests } from './support/system';

interface ArticleBody {
  number: number;
  key: string;
  title: string;
  paragraphs: string[];
}

describe('The decision rule and the convention’s preview through the api', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  let partner: SignedIn;
  let stranger: SignedIn;

  beforeAll(async () => {
    ({ bidId, coordinator, editor: partner } = await allocatingExampleBid(system));
    stranger = await otherNetworkCoordinator(system);
  }, 120_000);

  const auditCount = async () =>
    Number(
      (
        await system.dataSource.query<{ count: string }[]>(
          'SELECT count(*) FROM audit_events WHERE bid_id = $1',
          [bidId],
        )
      )[0]?.count,
    );
  const convention = async (): Promise<Record<string, unknown>> => {
    const bid = await coordinator.get(`/api/bids/${bidId}`).expect(200);
    return (bid.body as { consortium: { convention: Record<string, unknown> } }).consortium
      .convention;
  };
  const preview = (who: SignedIn, settings: Record<string, unknown>) =>
    who.post(`/api/bids/${bidId}/convention/preview`).send({ settings });
  const setDeadline = (interval: string | null) =>
    system.dataSource.query(
      `UPDATE tenders SET deadline = CASE WHEN $2::interval IS NULL
         THEN '2027-01-15T12:00:00+01:00'::timestamptz ELSE now() + $2::interval END
       WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
      [bidId, interval],
    );

  it('lets the coordinator choose the double majority before the vote, and refuses a change while it is open', async () => {
    const audited = await auditCount();
    await coordinator
      .patch(`/api/bids/${bidId}`)
      .send({ convention: { decisionRule: 'DOUBLE_MAJORITY', doubleMajorityMembersPercent: 60 } })
      .expect(204);
    expect(await convention()).toMatchObject({
      decisionRule: 'DOUBLE_MAJORITY',
      doubleMajorityMembersPercent: 60,
      doubleMajorityAmountPercent: 50,
    });
    expect(await auditCount()).toBe(audited + 1);
    const workflow = await coordinator.get(`/api/bids/${bidId}/workflow`).expect(200);
    expect(workflow.body.decisionRule).toBe('DOUBLE_MAJORITY');

    // A bar under one half would not be a majority.
    const low = await coordinator
      .patch(`/api/bids/${bidId}`)
      .send({ convention: { doubleMajorityAmountPercent: 40 } })
      .expect(400);
    expect(low.body.problems[0].path).toContain('doubleMajorityAmountPercent');

    // Only the coordinators of the bid's network change it.
    const rule = { convention: { decisionRule: 'CONSENSUS' } };
    await partner.patch(`/api/bids/${bidId}`).send(rule).expect(403);
    await stranger.patch(`/api/bids/${bidId}`).send(rule).expect(404);

    try {
      await moveBid(system.dataSource, bidId, 'PROPOSED');
      const open = await coordinator.patch(`/api/bids/${bidId}`).send(rule).expect(422);
      expect(open.body).toMatchObject({
        code: 'WORKFLOW_RULE_VIOLATED',
        problems: [{ path: 'decisionRule', code: 'VOTE_OPEN' }],
      });
      expect(open.body.message).toContain('Un vote sur la répartition est en cours');
      // The bars count as the rule; the other settings still change during the vote.
      await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ convention: { doubleMajorityMembersPercent: 75 } })
        .expect(422);
      await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ convention: { quorumPercent: 60 } })
        .expect(204);

      await moveBid(system.dataSource, bidId, 'AGREED');
      const agreed = await coordinator.patch(`/api/bids/${bidId}`).send(rule).expect(422);
      expect(agreed.body.problems[0].code).toBe('RULE_ALREADY_APPLIED');
      expect(await convention()).toMatchObject({
        decisionRule: 'DOUBLE_MAJORITY',
        doubleMajorityMembersPercent: 60,
        quorumPercent: 60,
      });
    } finally {
      await moveBid(system.dataSource, bidId, 'ALLOCATING');
    }
  }, 60_000);

  it('previews the articles a change words, as the PDF would, without saving anything', async () => {
    // No split yet: the preview has no amounts to state.
    const early = await preview(coordinator, { paymentFlow: 'MANDATAIRE_ACCOUNT' }).expect(422);
    expect(early.body.problems[0].code).toBe('NO_ALLOCATION_VERSION');

    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');

    const audited = await auditCount();
    const before = await convention();
    const account = await preview(coordinator, {
      paymentFlow: 'MANDATAIRE_ACCOUNT',
      redistributionDays: 10,
    }).expect(200);
    const articles = account.body as ArticleBody[];
    expect(articles.map(({ number, key }) => [number, key])).toEqual([
      [3, 'mandataire'],
      [6, 'payment'],
      [7, 'invoicing'],
      // The accounts between members name the single account's balance.
      [21, 'finalSettlement'],
    ]);
    const payment = articles[1];
    expect(payment?.title).toBe('Prix et flux de paiement');
    expect(payment?.paragraphs[0]).toBe(
      'Mode de paiement retenu : compte unique tenu par le mandataire.',
    );
    expect(payment?.paragraphs.join(' ')).toContain('dans un délai de 10\u00a0jours');

    const governance = await preview(coordinator, { doubleMajorityAmountPercent: 66 }).expect(200);
    expect(governance.body).toHaveLength(1);
    expect(governance.body[0]).toMatchObject({ number: 4, key: 'governance' });
    expect(governance.body[0].paragraphs[1]).toContain(
      'plus de 60\u00a0% des membres, chacun disposant d’une voix, et par des membres détenant ' +
        'ensemble plus de 66\u00a0% du montant',
    );

    // Nothing was saved, generated or audited.
    expect(await convention()).toEqual(before);
    expect((await coordinator.get(`/api/bids/${bidId}/documents`).expect(200)).body).toEqual([]);
    expect(await auditCount()).toBe(audited);

    // Put to the vote, the version is counted under the double majority and its bars.
    await system.dataSource.query(
      `UPDATE bids SET status = 'PROPOSED', proposed_version_id =
         (SELECT id FROM allocation_versions WHERE bid_id = $1 AND number = 1) WHERE id = $1`,
      [bidId],
    );
    try {
      const vote = (await coordinator.get(`/api/bids/${bidId}/workflow`).expect(200)).body.vote;
      expect(vote.outcome).toBe('PENDING');
      expect(vote.explanation).toMatch(
        /^Double majorité des membres et des montants : 0 approbation et 0 objection sur \d+ membres, .* \(plus de 60\u00a0% des membres\) et plus de 50\u00a0% du montant/,
      );
    } finally {
      await system.dataSource.query(
        `UPDATE bids SET status = 'ALLOCATING', proposed_version_id = NULL WHERE id = $1`,
        [bidId],
      );
    }
  }, 120_000);

  it('refuses settings as saving refuses them, and anyone but the bid’s coordinators', async () => {
    try {
      await setDeadline('42 days');
      const late = await preview(coordinator, { exitNoticeDays: 90 }).expect(422);
      expect(late.body).toMatchObject({
        code: 'INVALID_INPUT',
        problems: [{ path: 'exitNoticeDays', code: 'EXIT_NOTICE_AFTER_DEADLINE' }],
      });
      expect(late.body.message).toContain('Choisissez un préavis de 42\u00a0jours au plus.');
      const fits = await preview(coordinator, { exitNoticeDays: 20 }).expect(200);
      expect(fits.body[0]).toMatchObject({ key: 'exit', title: 'Retrait d’un membre' });
      expect(fits.body[0].paragraphs[0]).toContain('au moins 20\u00a0jours à l’avance');
    } finally {
      await setDeadline(null);
    }
    await preview(coordinator, { quorumPercent: 0 }).expect(400);
    await preview(coordinator, { court: 'le tribunal de commerce de Bobigny' }).expect(400);

    await preview(partner, { exitNoticeDays: 20 }).expect(403);
    await preview(stranger, { exitNoticeDays: 20 }).expect(404);
  }, 60_000);

  // Last: the bid keeps no mandataire afterwards.
  it('asks for another mandataire, rather than failing, once the mandataire has left', async () => {
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
      consortium: { mandataire: { organisationId: string } };
      members: { id: string; organisation: { id: string } }[];
    };
    const mandataire = bid.members.find(
      (member) => member.organisation.id === bid.consortium.mandataire.organisationId,
    );
    await coordinator
      .post(`/api/bids/${bidId}/members/${mandataire?.id}/withdraw`)
      .send({ reason: 'Cessation d’activité' })
      .expect(204);
    const left = await preview(coordinator, { exitNoticeDays: 20 }).expect(422);
    expect(left.body).toMatchObject({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: [{ path: 'consortium.mandataire', code: 'MANDATAIRE_LEFT' }],
    });
    expect(left.body.message).toBe(
      'Le mandataire n’est plus membre du groupement : désignez-en un autre avant de préparer ' +
        'la convention.',
    );
  }, 60_000);
});
