import type { BidDto, DocumentDto } from '../api/schema';

/** What each kind of document is, as a coordinator or the buyer names it. */
export const DOCUMENT_KIND: Record<DocumentDto['kind'], string> = {
  CONVENTION: 'Convention de groupement',
  DC1: 'Lettre de candidature (DC1)',
  DC4: 'Déclaration de sous-traitance (DC4)',
  XLSX: 'Tableau de la répartition (Excel)',
  CSV: 'Tableau de la répartition (CSV)',
  OCDS: 'Données ouvertes (OCDS, JSON)',
  AMENDMENT: 'Avenant à la convention',
  BUYER_LETTER: 'Lettre à l’acheteur',
  INSERTION_XLSX: 'Rapport d’insertion (Excel)',
  INSERTION_PDF: 'Rapport d’insertion (PDF)',
  EVALUATION: 'Évaluation partagée annuelle (PDF)',
  OCDS_CONTRACT: 'Données ouvertes de l’exécution (OCDS, JSON)',
};

/** How the signing pages name what is signed: the convention, or an amendment to it. */
export interface SignedDocumentWords {
  /** "la convention", "l’avenant": the object of « Signer … », « Vous avez signé … ». */
  readonly it: string;
  /** "Convention signée", "Avenant signé". */
  readonly signed: string;
  /** "Télécharger la convention signée (PDF)". */
  readonly downloadSigned: string;
  /** "Télécharger la convention figée, pas encore signée (PDF)". */
  readonly downloadFrozen: string;
}

export const CONVENTION_WORDS: SignedDocumentWords = {
  it: 'la convention',
  signed: 'Convention signée',
  downloadSigned: 'Télécharger la convention signée (PDF)',
  downloadFrozen: 'Télécharger la convention figée, pas encore signée (PDF)',
};

export const AMENDMENT_WORDS: SignedDocumentWords = {
  it: 'l’avenant',
  signed: 'Avenant signé',
  downloadSigned: 'Télécharger l’avenant signé (PDF)',
  downloadFrozen: 'Télécharger l’avenant figé, pas encore signé (PDF)',
};

const kilobytes = new Intl.NumberFormat('fr-FR', {
  style: 'unit',
  unit: 'kilobyte',
  maximumFractionDigits: 0,
});

/** "12 ko": at least 1, as a small file is still a file. */
export const formatSize = (bytes: number): string =>
  kilobytes.format(Math.max(1, Math.round(bytes / 1000)));

/**
 * A document's subject in words: a DC4 names its lot and its two parties
 * ("lot-2/org-003/org-015" becomes "Lot 2 : Atelier… → AI Services…"), an amendment its number,
 * the CSV for programs what sets it apart from the one for people.
 */
export function subjectOf(bid: BidDto, document: DocumentDto): string | null {
  if (document.subject === '') return null;
  const name = (key: string) =>
    bid.members.find((member) => member.key === key)?.organisation.legalName ?? key;
  const [, lot, principal, subcontractor] =
    /^lot-(\d+)\/([^/]+)\/([^/]+)$/.exec(document.subject) ?? [];
  if (lot !== undefined && principal !== undefined && subcontractor !== undefined) {
    return `Lot ${lot} : ${name(principal)} → ${name(subcontractor)}`;
  }
  if (document.kind === 'CSV' && document.subject === 'iso') {
    return 'Pour les logiciels : en anglais, dates ISO, séparateur virgule';
  }
  const amendment = /^avenant-(\d+)$/.exec(document.subject);
  if (amendment) return `Avenant n° ${amendment[1]}`;
  return document.subject;
}
