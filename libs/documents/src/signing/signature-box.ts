import { readFileSync } from 'node:fs';
import {
  type PDF,
  PdfArray,
  PdfDict,
  PdfNumber,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
  ops,
} from '@libpdf/core';
import { FONTS } from '../fonts';

/** A party's signature box: its page and its rectangle in PDF space [left, bottom, right, top]. */
export interface SignatureBox {
  page: PdfRef;
  rect: [number, number, number, number];
}

/** Ink of the signature's text: a dark blue, as a pen's, distinct from the printed black. */
const INK: [number, number, number] = [0.05, 0.18, 0.45];
const PADDING = 3;
const MAX_FONT_SIZE = 8;
/** Read once: every signature embeds its own subset of it. */
let regularFont: Uint8Array | undefined;

/**
 * The box named `name` by the renderer: a /FitR named destination in the catalog's /Dests name
 * tree (its page and rectangle), or null when the document has none (an older document).
 */
export function findSignatureBox(document: PDF, name: string): SignatureBox | null {
  const resolve = (object: PdfObject | undefined): PdfObject | undefined =>
    object instanceof PdfRef ? (document.getObject(object) ?? undefined) : object;
  const names = resolve(document.getCatalog().get('Names'));
  const tree = names instanceof PdfDict ? resolve(names.get('Dests')) : undefined;
  const destination = tree instanceof PdfDict ? lookup(tree, name, resolve, 0) : undefined;
  const array = destination instanceof PdfDict ? resolve(destination.get('D')) : destination;
  if (!(array instanceof PdfArray) || array.length !== 6) return null;
  const page = array.at(0);
  const numberAt = (i: number) => {
    const value = resolve(array.at(i));
    return value instanceof PdfNumber ? value.value : NaN;
  };
  const rect = [numberAt(2), numberAt(3), numberAt(4), numberAt(5)] as const;
  if (!(page instanceof PdfRef) || rect.some((value) => !Number.isFinite(value))) return null;
  const [left, bottom, right, top] = rect;
  if (right <= left || top <= bottom) return null;
  return { page, rect: [left, bottom, right, top] };
}

/** A name tree's value for `name`: its /Names pairs, or its /Kids, a few levels deep at most. */
function lookup(
  node: PdfDict,
  name: string,
  resolve: (object: PdfObject | undefined) => PdfObject | undefined,
  depth: number,
): PdfObject | undefined {
  const names = resolve(node.get('Names'));
  if (names instanceof PdfArray) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      const key = resolve(names.at(i));
      if (key instanceof PdfString && key.asString() === name) return resolve(names.at(i + 1));
    }
  }
  const kids = resolve(node.get('Kids'));
  if (!(kids instanceof PdfArray) || depth > 8) return undefined;
  for (let i = 0; i < kids.length; i++) {
    const kid = resolve(kids.at(i));
    const found = kid instanceof PdfDict ? lookup(kid, name, resolve, depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The widget's normal appearance: the lines in the box, in an embedded DejaVu subset (PDF/A
 * wants every font embedded), as large as the box allows up to 8 pt. Returns its reference.
 */
export function drawSignatureAppearance(document: PDF, box: SignatureBox, lines: string[]): PdfRef {
  const [left, bottom, right, top] = box.rect;
  const [width, height] = [right - left, top - bottom];
  regularFont ??= readFileSync(FONTS.regular);
  const font = document.embedFont(regularFont);
  const widest = Math.max(...lines.map((line) => font.getTextWidth(line, 1)));
  const size = Math.min(
    MAX_FONT_SIZE,
    (width - 2 * PADDING) / widest,
    (height - 2 * PADDING) / (lines.length * 1.25),
  );
  const leading = size * 1.25;
  const glyphs = (text: string): PdfString => {
    const gids = font.encodeTextToGids(text);
    const bytes = new Uint8Array(gids.length * 2);
    gids.forEach((gid, i) => {
      bytes[2 * i] = gid >> 8;
      bytes[2 * i + 1] = gid & 0xff;
    });
    return PdfString.fromBytes(bytes);
  };
  const form = document.createFormXObject({
    bbox: { x: 0, y: 0, width, height },
    operators: [
      ops.pushGraphicsState(),
      ops.setNonStrokingRGB(...INK),
      ops.beginText(),
      ops.setFont('F1', size),
      ops.setLeading(leading),
      ops.moveText(PADDING, height - PADDING - size),
      ...lines.flatMap((line, i) => [
        ...(i > 0 ? [ops.nextLine()] : []),
        ops.showText(glyphs(line)),
      ]),
      ops.endText(),
      ops.popGraphicsState(),
    ],
  });
  const stream = document.getObject(form.ref);
  if (!(stream instanceof PdfStream)) throw new Error('Apparence de signature non enregistrée.');
  stream.set('Resources', PdfDict.of({ Font: PdfDict.of({ F1: font.ref }) }));
  return form.ref;
}
