/** Where a signer's key comes from: issued by the platform, or the member's own PKCS#12. */
export const CERTIFICATE_SOURCES = ['PLATFORM', 'PKCS12'] as const;
export type CertificateSource = (typeof CERTIFICATE_SOURCES)[number];

/**
 * What a signature is worth, said honestly (eIDAS, regulation 910/2014). A certificate issued by
 * Cordage's own authority makes a simple electronic signature, with strong evidence of integrity
 * and of who signed; only a member's qualified certificate can make an advanced (or qualified) one.
 */
export function signatureLevel(source: CertificateSource): { code: string; label: string } {
  switch (source) {
    case 'PLATFORM':
      return {
        code: 'EIDAS_SIMPLE',
        label:
          'Signature électronique simple au sens du règlement eIDAS : le certificat est délivré par ' +
          'Cordage après connexion et code à usage unique envoyé par courriel ; chaque signature ' +
          'scelle le document (toute modification ultérieure est détectée) et le dossier de preuve ' +
          'en garde la trace. Ce n’est pas une signature qualifiée.',
      };
    case 'PKCS12':
      return {
        code: 'EIDAS_MEMBER_CERTIFICATE',
        label:
          'Signature avec le certificat du membre : avancée au sens du règlement eIDAS si ce ' +
          'certificat est qualifié et délivré par un prestataire de confiance, simple sinon ; ' +
          'l’intégrité du document est garantie de la même façon.',
      };
  }
}
