import { PdfFile, normalise } from '@cordage/testing';

/** The text of a PDF as poppler's pdftotext reads it, compared as `normalise` says. */
export function pdfText(pdf: Buffer): string {
  const file = new PdfFile(pdf);
  try {
    return normalise(file.text());
  } finally {
    file.remove();
  }
}
