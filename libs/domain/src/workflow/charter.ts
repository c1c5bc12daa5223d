import { DomainError, DomainErrorCode } from '../errors';

/** A version of the network's charter: the written rules of cooperation members subscribe to. */
export interface CharterVersion {
  /** 1, 2, ...: a new text is a new version, which every member accepts again. */
  readonly version: number;
  readonly title: string;
  readonly text: string;
}

/**
 * A member declares its capacity only once it accepted the charter's current version; an older
 * acceptance does not count, since the text changed. A network without a charter (null) asks
 * nothing.
 */
export function assertCharterAccepted(
  current: CharterVersion | null,
  acceptedVersion: number | null,
): void {
  if (current === null || acceptedVersion === current.version) return;
  const before =
    acceptedVersion === null
      ? ''
      : `Vous aviez accepté la version ${acceptedVersion}, mais la charte a changé. `;
  throw new DomainError(
    DomainErrorCode.WORKFLOW_RULE_VIOLATED,
    `${before}Acceptez d’abord la version ${current.version} de la charte du réseau ` +
      `« ${current.title} » avant de déclarer vos capacités.`,
    [
      {
        path: 'charter',
        code: 'CHARTER_NOT_ACCEPTED',
        message: `version ${current.version} à accepter`,
      },
    ],
    { charterVersion: current.version, acceptedVersion },
  );
}

/** Only the version in force can be accepted: a member reading a stale page reads it again. */
export function assertAcceptingCurrentCharter(
  current: CharterVersion | null,
  version: number,
): void {
  if (current?.version === version) return;
  throw new DomainError(
    DomainErrorCode.INVALID_INPUT,
    current
      ? `La charte en vigueur est la version ${current.version} : relisez-la avant de l’accepter.`
      : 'Ce réseau n’a pas de charte à accepter.',
    [{ path: 'version', code: 'NOT_CURRENT_CHARTER', message: `version ${version}` }],
  );
}
