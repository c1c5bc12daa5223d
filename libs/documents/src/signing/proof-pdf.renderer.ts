import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts';
import { type SigningCredentials, signPdf } from './pdf.signer';

export interface ProofRevision {
  /** SHA-256 (hex) of the document as this signature left it. */
  sha256: string;
  signer: string;
  capacity: string;
  organisation: string;
  /** ISO 8601. */
  signedAt: string;
  ip: string;
  certificateSerial: string;
  certificateSubject: string;
}

/** What the "dossier de preuve" attests, for one signed document. */
export interface SigningProof {
  documentTitle: string;
  /** SHA-256 (hex) of the frozen document, before any signature. */
  frozenSha256: string;
  revisions: ProofRevision[];
  /** ISO 8601. */
  generatedAt: string;
}

const parisTime = (iso: string): string =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', timeZoneName: 'short' });

function render(proof: SigningProof): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Dossier de preuve — ${proof.documentTitle}`, Producer: 'Cordage' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Font paths, not registerFont: pdfkit would otherwise re-parse the font on each switch. Two
  // faces only: each one is parsed for every proof file, the cost of a proof is mostly that.
  doc.font(FONTS.bold).fontSize(16).text('Dossier de preuve de signature');
  doc.font(FONTS.regular).fontSize(10).moveDown(0.5);
  doc.text(`Document : ${proof.documentTitle}`);
  doc.text(`Généré le ${parisTime(proof.generatedAt)}`);
  doc.moveDown();
  doc.font(FONTS.bold).text('Document figé avant signature');
  doc.font(FONTS.regular).text(`SHA-256 : ${proof.frozenSha256}`);
  for (const [position, revision] of proof.revisions.entries()) {
    doc.moveDown();
    doc
      .font(FONTS.bold)
      .fontSize(10)
      .text(`Signature n° ${position + 1}`);
    doc.font(FONTS.regular).fontSize(9);
    doc.text(`${revision.signer}, ${revision.capacity} — ${revision.organisation}`);
    doc.text(`Signée le ${parisTime(revision.signedAt)}, depuis l’adresse IP ${revision.ip}`);
    doc.text(`Certificat n° ${revision.certificateSerial} : ${revision.certificateSubject}`);
    doc.font(FONTS.regular).text(`SHA-256 de la version signée : ${revision.sha256}`);
  }
  doc.moveDown();
  doc
    .font(FONTS.regular)
    .fontSize(8)
    .text(
      'Chaque signature est ajoutée au document sans modifier les octets précédents : ' +
        'chaque version signée commence par la version qui la précède. ' +
        'Ce dossier est scellé par la plateforme Cordage ; toute modification invalide ce sceau.',
    );
  doc.end();
  return done;
}

/** Renders the "dossier de preuve" in French and seals it with the platform's key. */
export async function renderProofPdf(
  proof: SigningProof,
  seal: SigningCredentials,
  sealedAt = new Date(proof.generatedAt),
): Promise<Buffer> {
  const sealed = await signPdf(await render(proof), seal, {
    name: 'Cordage',
    reason: 'Scellement du dossier de preuve',
    location: 'Cordage',
    signingTime: sealedAt,
  });
  return Buffer.from(sealed);
}
