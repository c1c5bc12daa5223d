import { DomainErrorCode } from '../errors';
import { type CharterVersion, assertCharterAccepted } from './charter';
import { refusal } from '../errors/refusal.fixture';

const CHARTER: CharterVersion = {
  version: 3,
  title: 'Charte de coopération des ETA',
  text: 'Les membres se répartissent le travail en transparence…',
};

describe('network charter', () => {
  it('lets a member declare once it accepted the current version, or when there is no charter', () => {
    expect(() => assertCharterAccepted(CHARTER, 3)).not.toThrow();
    expect(() => assertCharterAccepted(null, null)).not.toThrow();
  });

  it('asks a member who never accepted to accept the current version first', () => {
    const error = refusal(() => assertCharterAccepted(CHARTER, null));
    expect(error.code).toBe(DomainErrorCode.WORKFLOW_RULE_VIOLATED);
    expect(error.problems.map((problem) => problem.code)).toEqual(['CHARTER_NOT_ACCEPTED']);
    expect(error.message).toBe(
      'Acceptez d’abord la version 3 de la charte du réseau « Charte de coopération des ETA » ' +
        'avant de déclarer vos capacités.',
    );
  });

  it('does not count an acceptance of an earlier version', () => {
    const error = refusal(() => assertCharterAccepted(CHARTER, 2));
    expect(error.message).toMatch(/^Vous aviez accepté la version 2, mais la charte a changé\. /);
    expect(error.details).toEqual({ charterVersion: 3, acceptedVersion: 2 });
  });
});
