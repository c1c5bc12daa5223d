import { describe, expect, it } from '@jest/globals';
import { actorOf } from './historyWords';

describe('who the history credits', () => {
  it('credits the approval to the members’ vote, not to the last voter', () => {
    expect(
      actorOf({
        actor: 'dernier-votant@example.org',
        actorName: 'Claire Martin',
        action: 'bid.transition',
        after: { event: 'AGREE', decision: { approving: 12, objecting: 2, members: 14 } },
      }),
    ).toBe('Décision collective (12 voix pour sur 14)');
    // An approval recorded before the decision was kept with it.
    expect(
      actorOf({ actor: 'x@example.org', action: 'bid.transition', after: { event: 'AGREE' } }),
    ).toBe('Décision collective des membres');
  });

  it('says an actor the bid’s transparency does not show is not told', () => {
    expect(actorOf({ actor: 'masqué', actorName: null, action: 'member.offers_declared' })).toBe(
      'Non communiqué',
    );
  });

  it('credits a signature to its signatory by name and capacity, not to the worker', () => {
    expect(
      actorOf({
        actor: 'worker',
        action: 'document.signed',
        after: { member: 'org-001', signer: 'Camille Martin', capacity: 'directrice' },
      }),
    ).toBe('Camille Martin, directrice');
    expect(actorOf({ actor: 'worker', action: 'document.signed', after: {} })).toBe(
      'Le signataire du membre',
    );
  });

  it('names a person by name, and Cordage’s own processes by what they are', () => {
    expect(
      actorOf({ actor: 'coordination@reseau.test', actorName: 'Nadia Coordination', action: 'x' }),
    ).toBe('Nadia Coordination');
    expect(actorOf({ actor: 'worker', action: 'allocation.computed' })).toBe(
      'Cordage (automatique)',
    );
    expect(actorOf({ actor: 'cli', action: 'bid.imported' })).toBe(
      'Administration (ligne de commande)',
    );
  });
});
