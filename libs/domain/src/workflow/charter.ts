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
