/** What the verification of one signature of a PDF found. */
export interface VerifiedSignature {
  /** The signature matches the signed bytes and its certificate's key. */
  valid: boolean;
  /** The signature covers the file up to its last byte. */
  coversWholeFile: boolean;
  /** What Cordage recorded of that revision; null when it recorded none. */
  record: unknown;
}

const MODIFIED = 'le document a été modifié après la signature, ou la signature est fausse';

/** "La signature est valide", "Les 2 signatures sont valides": the verification's conclusion, in one sentence. */
export function signatureVerdict(signatures: readonly VerifiedSignature[]): string {
  const total = signatures.length;
  if (total === 0) return 'Ce PDF ne porte aucune signature.';
  const one = total === 1;
  const invalid = signatures.filter((signature) => !signature.valid).length;
  if (invalid > 0) {
    if (one) return `La signature n’est pas valide : ${MODIFIED}.`;
    if (invalid === total) return `Aucune des ${total} signatures n’est valide : ${MODIFIED}.`;
    return invalid === 1
      ? `Une signature sur ${total} n’est pas valide : ${MODIFIED}.`
      : `${invalid} signatures sur ${total} ne sont pas valides : ${MODIFIED}.`;
  }
  const allValid = one ? 'La signature est valide' : `Les ${total} signatures sont valides`;
  if (!signatures.at(-1)?.coversWholeFile) {
    return one
      ? `${allValid}, mais des données ont été ajoutées au fichier après elle : aucune signature ne les couvre.`
      : `${allValid}, mais des données ont été ajoutées au fichier après la dernière : aucune signature ne les couvre.`;
  }
  const unknown = signatures.filter((signature) => signature.record === null).length;
  if (unknown === 0) {
    return one
      ? `${allValid} et conforme aux enregistrements de Cordage.`
      : `${allValid} et conformes aux enregistrements de Cordage.`;
  }
  if (one) return `${allValid}, mais elle ne correspond à aucun enregistrement de Cordage.`;
  if (unknown === total) {
    return `${allValid}, mais aucune ne correspond à un enregistrement de Cordage.`;
  }
  return unknown === 1
    ? `${allValid} ; l’une d’elles ne correspond à aucun enregistrement de Cordage.`
    : `${allValid} ; ${unknown} d’entre elles ne correspondent à aucun enregistrement de Cordage.`;
}
