import { createHash } from 'node:crypto';
import { PDF, PdfArray, PdfDict, PdfName, PdfNumber, type PdfRef, PdfString } from '@libpdf/core';
import {
  type SignatureAppearance,
  type SignerMetadata,
  assertAppendOnly,
  wallClock,
} from '@cordage/domain';
import { buildCadesSignedData } from './cades-signed-data.builder';
import { InMemoryKeySigner } from './in-memory-key.signer';
import { type SignatureBox, drawSignatureAppearance, findSignatureBox } from './signature-box';

export interface SigningCredentials {
  certificatePem: string;
  privateKeyPem: string;
  /** Intermediates (and root) to embed so that verifiers can build the chain. */
  chainPems?: string[];
}

/** Ten digits: wide enough for any offset, patched in place once the file is written. */
const BYTE_RANGE_PLACEHOLDER = 9_999_999_999;
/** The CMS without its certificates: about 650 bytes (ECDSA) to 1.2 KB (RSA 4096). */
const CMS_BASE_BYTES = 2048;
/** Printed and locked (PDF/A asks for the print flag on every annotation). */
const WIDGET_FLAGS = 132;

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function textFields(meta: SignerMetadata): Record<string, PdfString> {
  const fields: Record<string, string | undefined> = {
    Name: meta.name,
    Reason: meta.reason,
    Location: meta.location,
    ContactInfo: meta.contactInfo,
  };
  return Object.fromEntries(
    Object.entries(fields)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => [key, PdfString.fromString(value)]),
  );
}

/**
 * Adds the signature field and its signature dictionary (placeholders for /ByteRange and
 * /Contents) and writes them with @libpdf/core as an incremental update. Its own `sign()` is not
 * used: in 0.4.2 its DocMDP check resolves every earlier signature and tokenises each /Contents
 * byte by byte, so the 30th signature took 3.9x the 1st (17.9 ms against 4.6 ms); here 1.3x.
 *
 * When the document has the signer's box, the field's widget sits on it with an appearance
 * drawn in this same update (who, in what capacity, when, where): the pages' own content is
 * never touched, so every earlier signature stays valid. Otherwise the widget is invisible.
 */
async function appendPlaceholder(pdf: Uint8Array, meta: SignerMetadata, contentsBytes: number) {
  const document = await PDF.load(pdf);
  const box = meta.appearance ? findSignatureBox(document, meta.appearance.box) : null;
  const pageRef: PdfRef | null = box?.page ?? document.getPage(0)?.ref ?? null;
  if (pageRef === null) throw new Error('Document sans page : impossible de le signer.');
  const signature = PdfDict.of({
    Type: PdfName.of('Sig'),
    Filter: PdfName.of('Adobe.PPKLite'),
    SubFilter: PdfName.of('ETSI.CAdES.detached'),
    ByteRange: new PdfArray(
      [0, ...Array<number>(3).fill(BYTE_RANGE_PLACEHOLDER)].map((value) => PdfNumber.of(value)),
    ),
    Contents: PdfString.fromBytes(new Uint8Array(contentsBytes)),
    M: PdfString.fromString(pdfDate(meta.signingTime)),
    ...textFields(meta),
  });
  const signatureRef = document.context.registry.register(signature);
  const form = document.getOrCreateForm();
  const names = new Set(form.getFields().map((field) => field.name));
  let n = names.size + 1;
  while (names.has(`Signature_${n}`)) n++;
  const field = form.createSignatureField(`Signature_${n}`).getDict();
  field.delete('Kids');
  field.set('V', signatureRef);
  field.set('Type', PdfName.of('Annot'));
  field.set('Subtype', PdfName.of('Widget'));
  field.set('F', PdfNumber.of(WIDGET_FLAGS));
  field.set('P', pageRef);
  if (box && meta.appearance) showOnBox(document, field, box, meta, meta.appearance);
  else field.set('Rect', new PdfArray([0, 0, 0, 0].map((value) => PdfNumber.of(value))));
  return document.save({ incremental: true, subsetFonts: true });
}

/** What the box says: who signed, for whom, when and where, read on the signer's clock. */
function signatureLines(meta: SignerMetadata, appearance: SignatureAppearance): string[] {
  const { year, month, day, hour, minute } = wallClock(meta.signingTime, appearance.timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  const city = appearance.timeZone === 'Europe/Brussels' ? 'Bruxelles' : 'Paris';
  return [
    'Signé électroniquement par',
    `${meta.name}, ${appearance.capacity}`,
    `pour ${appearance.organisation}`,
    `le ${two(day)}/${two(month)}/${year} à ${hour} h ${two(minute)} (heure de ${city})`,
    `à ${meta.location}`,
  ];
}

/** The widget on the box, with its appearance, listed among the page's annotations. */
function showOnBox(
  document: PDF,
  field: PdfDict,
  box: SignatureBox,
  meta: SignerMetadata,
  appearance: SignatureAppearance,
): void {
  field.set('Rect', new PdfArray(box.rect.map((value) => PdfNumber.of(value))));
  const lines = signatureLines(meta, appearance);
  field.set('AP', PdfDict.of({ N: drawSignatureAppearance(document, box, lines) }));
  const page = document.getObject(box.page);
  if (!(page instanceof PdfDict)) throw new Error('Page du cadre de signature introuvable.');
  const fieldRef = document.context.getRef(field);
  if (fieldRef === null) throw new Error('Champ de signature non enregistré.');
  const annotations = page.getArray('Annots', document.context.resolve.bind(document.context));
  if (annotations) annotations.push(fieldRef);
  else page.set('Annots', new PdfArray([fieldRef]));
}

/**
 * Appends one PAdES B-B signature (ETSI.CAdES.detached, signing-certificate-v2, claimed time in
 * /M) as an incremental update: the result begins with `pdf` byte for byte (checked), and the
 * signature shows in the signer's box when the document has one (`meta.appearance`).
 */
export async function signPdf(
  pdf: Uint8Array,
  signer: SigningCredentials,
  meta: SignerMetadata,
): Promise<Uint8Array> {
  const keySigner = new InMemoryKeySigner(
    signer.certificatePem,
    signer.privateKeyPem,
    signer.chainPems,
  );
  const contentsBytes =
    CMS_BASE_BYTES +
    [keySigner.certificate, ...keySigner.certificateChain].reduce(
      (sum, der) => sum + der.length,
      0,
    );
  const output = Buffer.from(await appendPlaceholder(pdf, meta, contentsBytes));

  // Both placeholders are in the update just written: search from the end, natively.
  const placeholderHex = `<${'0'.repeat(contentsBytes * 2)}>`;
  const contentsStart = output.lastIndexOf(placeholderHex, undefined, 'latin1');
  const rangeText = `[0 ${String(BYTE_RANGE_PLACEHOLDER)} ${String(BYTE_RANGE_PLACEHOLDER)} ${String(BYTE_RANGE_PLACEHOLDER)}]`;
  const rangeStart = output.lastIndexOf(rangeText, undefined, 'latin1');
  if (contentsStart < pdf.length || rangeStart < pdf.length) {
    throw new Error('Emplacement de signature introuvable dans la mise à jour écrite.');
  }
  const contentsEnd = contentsStart + placeholderHex.length;
  const pad = (value: number): string => String(value).padEnd(10, ' ');
  const byteRange = `[0 ${pad(contentsStart)} ${pad(contentsEnd)} ${pad(output.length - contentsEnd)}]`;
  output.write(byteRange, rangeStart, 'latin1');

  // Hash the two ranges in place, without concatenating a copy of the whole file.
  const digest = createHash('sha256')
    .update(output.subarray(0, contentsStart))
    .update(output.subarray(contentsEnd))
    .digest();
  const cms = await buildCadesSignedData(digest, keySigner);
  if (cms.length > contentsBytes) {
    throw new Error(
      `Signature trop grande pour son emplacement (${cms.length} > ${contentsBytes} octets).`,
    );
  }
  output.write(Buffer.from(cms).toString('hex'), contentsStart + 1, 'latin1');
  assertAppendOnly(pdf, output);
  return new Uint8Array(output.buffer, output.byteOffset, output.length);
}
