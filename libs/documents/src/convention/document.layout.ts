import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts';
import { at } from '@cordage/domain';

/**
 * The page layout shared by the convention and the DC1 / DC4 sheets: an A4 PDF/A-2b document
 * with DejaVu embedded, headings that never end a page, paragraphs, hand-drawn tables (2 to 4
 * times faster than `doc.table()`, see performance.md) that repeat their header on each page, an
 * optional table of contents on reserved pages, and "Page x / n" on every page. Pages stay
 * buffered until `finish()`, so the page count is known when footers and contents are written.
 */
export interface DocumentLayoutOptions {
  title: string;
  subject: string;
  keywords: string[];
  /** ISO date of the document: its metadata date, so that one input always gives one file. */
  createdAt: string;
  /** Printed at the foot of every page, left of the page number. */
  runningTitle: string;
}

export interface TableColumn {
  header: string;
  /** Relative width: the columns share the text width in proportion. */
  weight: number;
  align?: 'left' | 'right';
}

export type RowStyle = 'body' | 'total' | 'muted';

export interface TableRow {
  cells: string[];
  style?: RowStyle;
}

export interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
}

const MARGIN = 56;
const FOOTER_SIZE = 8;
const BODY_SIZE = 10;
const TABLE_SIZE = 8;
const CELL_PADDING = 3;
const LINE_GAP = 1.5;
const HEADING_SIZES = { 1: 15, 2: 12, 3: 10.5 } as const;
const GRID_COLOUR = '#8c8c8c';
const HEADER_FILL = '#e6e6e6';
const TOTAL_FILL = '#f3f3f3';
const MUTED_COLOUR = '#555555';
const TOC_LINE = 16;

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * French spacing: a no-break space before a colon, a narrow one before ; ! ? and inside
 * guillemets, so that no line ever starts with one of these signs.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ :(?=\s|$)/g, `${NBSP}:`)
    .replace(/ ([;!?])(?=\s|$)/g, `${NNBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`);
}

export class DocumentLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;
  private readonly toc: TocEntry[] = [];
  private tocPages: { first: number; count: number; title: string } | null = null;

  constructor(private readonly options: DocumentLayoutOptions) {
    const createdAt = new Date(options.createdAt);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      lang: 'fr-FR',
      displayTitle: true,
      // The default Helvetica is neither embedded nor allowed in PDF/A: start with DejaVu.
      font: FONTS.regular,
      // No ModDate: the trailer ID is a hash of these fields, all taken from the input.
      info: {
        Title: xmlSafe(options.title),
        Author: 'Cordage',
        Subject: xmlSafe(options.subject),
        Keywords: xmlSafe(options.keywords.join(', ')),
        Creator: 'Cordage',
        Producer: 'Cordage (pdfkit)',
        CreationDate: createdAt,
      },
    });
    const chunks: Buffer[] = [];
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.fontSize(BODY_SIZE);
  }

  private get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** The current page, counted from 1. */
  get pageNumber(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor('black');
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Reserves the pages of a table of contents of `entries` lines, written by `finish()`. */
  reserveContents(title: string, entries: number): void {
    const perPage = Math.floor((this.bottom - MARGIN - 40) / TOC_LINE);
    const count = Math.max(1, Math.ceil(entries / perPage));
    this.tocPages = { first: this.pageNumber + 1, count, title };
    for (let i = 0; i < count; i++) this.newPage();
  }

  /** Title of the cover page, centred. */
  cover(title: string, subtitle: string, lines: string[], note: string): void {
    const { doc } = this;
    doc.y = 200;
    doc.font(FONTS.bold).fontSize(24).text(frenchSpacing(title), MARGIN, doc.y, {
      width: this.width,
      align: 'center',
    });
    doc.moveDown(0.6);
    doc.font(FONTS.regular).fontSize(13).text(frenchSpacing(subtitle), { align: 'center' });
    doc.moveDown(2);
    doc.fontSize(BODY_SIZE);
    for (const line of lines) {
      doc.text(frenchSpacing(line), { align: 'center', lineGap: LINE_GAP });
      doc.moveDown(0.3);
    }
    doc.moveDown(2);
    doc.font(FONTS.italic).fontSize(FOOTER_SIZE).fillColor(MUTED_COLOUR);
    doc.text(frenchSpacing(note), { align: 'center' });
    doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor('black');
  }

  /**
   * A heading, kept with at least `keepWith` points of what follows it. Level 1 and 2 headings
   * go to the bookmarks; `contents` also lists them in the table of contents.
   */
  heading(text: string, level: 1 | 2 | 3, contents = false, keepWith = 60): void {
    const { doc } = this;
    const size = HEADING_SIZES[level];
    const typeset = frenchSpacing(text);
    doc.font(FONTS.bold).fontSize(size);
    const height = doc.heightOfString(typeset, { width: this.width });
    if (doc.y > MARGIN) doc.moveDown(level === 1 ? 0.8 : 0.5);
    this.ensureSpace(height + keepWith);
    // A new page resets the font.
    doc.font(FONTS.bold).fontSize(size);
    if (contents && level !== 3) this.toc.push({ title: typeset, level, page: this.pageNumber });
    if (level < 3) doc.outline.addItem(typeset);
    doc.text(typeset, MARGIN, doc.y, { width: this.width });
    doc.moveDown(0.35);
    doc.font(FONTS.regular).fontSize(BODY_SIZE);
  }

  /** Paragraphs; one starting with "– " is a list item, indented. */
  paragraphs(texts: readonly string[], options: { italic?: boolean; size?: number } = {}): void {
    const { doc } = this;
    doc.font(options.italic ? FONTS.italic : FONTS.regular).fontSize(options.size ?? BODY_SIZE);
    for (const text of texts) {
      const item = text.startsWith('– ');
      const indent = item ? 14 : 0;
      doc.text(frenchSpacing(text), MARGIN + indent, doc.y, {
        width: this.width - indent,
        align: 'justify',
        lineGap: LINE_GAP,
      });
      doc.moveDown(item ? 0.15 : 0.45);
    }
    doc.font(FONTS.regular).fontSize(BODY_SIZE);
  }

  /**
   * A grid drawn by hand: each row as tall as its tallest cell, the header repeated on each new
   * page, a row never split across two pages.
   */
  table(columns: readonly TableColumn[], rows: readonly TableRow[], showHeader = true): void {
    const { doc } = this;
    const total = columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = columns.map((column) => (column.weight / total) * this.width);
    const lefts = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const header: TableRow = { cells: columns.map((column) => column.header), style: 'total' };

    const measure = (row: TableRow): number => {
      this.rowFont(row.style);
      let height = 0;
      row.cells.forEach((cell, i) => {
        const inner = at(widths, i) - CELL_PADDING * 2;
        // Most cells hold one short line: measuring the width is far cheaper than wrapping.
        const cellHeight =
          doc.widthOfString(cell) <= inner
            ? doc.currentLineHeight(true)
            : doc.heightOfString(cell, { width: inner });
        height = Math.max(height, cellHeight);
      });
      return height + CELL_PADDING * 2;
    };
    const draw = (row: TableRow, height: number, fill: string | null) => {
      const y = doc.y;
      if (fill) doc.rect(MARGIN, y, this.width, height).fill(fill);
      this.rowFont(row.style);
      doc.fillColor(row.style === 'muted' ? MUTED_COLOUR : 'black');
      row.cells.forEach((cell, i) => {
        doc.text(cell, at(lefts, i) + CELL_PADDING, y + CELL_PADDING, {
          width: at(widths, i) - CELL_PADDING * 2,
          align: at(columns, i).align ?? 'left',
        });
      });
      lefts.forEach((left, i) => doc.rect(left, y, at(widths, i), height));
      doc.lineWidth(0.4).strokeColor(GRID_COLOUR).stroke();
      doc.fillColor('black');
      doc.y = y + height;
    };

    const headerHeight = showHeader ? measure(header) : 0;
    let first = true;
    for (const row of rows) {
      const typeset = { ...row, cells: row.cells.map(frenchSpacing) };
      const height = measure(typeset);
      if (first || doc.y + height > this.bottom) {
        // The header and at least the first row stay together.
        if (doc.y + headerHeight + height > this.bottom) this.newPage();
        if (showHeader) draw(header, headerHeight, HEADER_FILL);
        first = false;
      }
      draw(typeset, height, typeset.style === 'total' ? TOTAL_FILL : null);
    }
    doc.x = MARGIN;
    doc.moveDown(0.8);
    doc.font(FONTS.regular).fontSize(BODY_SIZE);
  }

  /**
   * A framed block: a title and lines of text on the left; on the right, a caption and an empty
   * area `areaHeight` high, left for the signature. The area is named `box` (a /FitR named
   * destination: its page and rectangle), where the signer's own update shows its signature.
   */
  signatureBlock(
    title: string,
    lines: string[],
    caption: string,
    areaHeight: number,
    box: string,
  ): void {
    const { doc } = this;
    const half = this.width / 2;
    doc.font(FONTS.regular).fontSize(BODY_SIZE);
    const textHeight =
      doc.heightOfString(frenchSpacing(title), { width: half - 12 }) +
      lines.reduce(
        (sum, line) => sum + doc.heightOfString(frenchSpacing(line), { width: half - 12 }),
        0,
      );
    const height = Math.max(areaHeight, textHeight + 16);
    this.ensureSpace(height + 10);
    const y = doc.y;
    doc.font(FONTS.bold).text(frenchSpacing(title), MARGIN + 6, y + 6, { width: half - 12 });
    doc.font(FONTS.regular);
    for (const line of lines) doc.text(frenchSpacing(line), { width: half - 12 });
    doc.font(FONTS.italic).fontSize(TABLE_SIZE).fillColor(MUTED_COLOUR);
    doc.text(caption, MARGIN + half + 6, y + 6, { width: half - 12 });
    const captionBottom = doc.y + 2;
    doc.rect(MARGIN, y, this.width, height).rect(MARGIN + half, y, half, height);
    doc.lineWidth(0.4).strokeColor(GRID_COLOUR).stroke();
    // pdfkit draws from the top; a destination's rectangle is in PDF space, from the bottom.
    const pageHeight = doc.page.height;
    const [left, right] = [MARGIN + half + 4, MARGIN + this.width - 4];
    const [top, bottom] = [pageHeight - captionBottom, pageHeight - (y + height - 4)];
    doc.addNamedDestination(box, 'FitR', left, bottom, right, top);
    doc.font(FONTS.regular).fontSize(BODY_SIZE).fillColor('black');
    doc.x = MARGIN;
    doc.y = y + height + 10;
  }

  /** Writes the table of contents and the footers, and returns the finished file. */
  async finish(): Promise<Buffer> {
    const { doc } = this;
    if (this.tocPages) this.writeContents(this.tocPages);
    const pages = this.pageNumber;
    for (let page = 1; page <= pages; page++) {
      doc.switchToPage(page - 1);
      // The footer sits in the bottom margin: lift the margin so pdfkit adds no page for it.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN + 18;
      doc.font(FONTS.regular).fontSize(FOOTER_SIZE).fillColor(MUTED_COLOUR);
      doc.text(frenchSpacing(this.options.runningTitle), MARGIN, y, {
        width: this.width - 80,
        lineBreak: false,
        ellipsis: true,
        height: FOOTER_SIZE * 1.5,
      });
      doc.text(`Page ${page} / ${pages}`, MARGIN + this.width - 80, y, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return this.done;
  }

  private writeContents(pages: { first: number; count: number; title: string }): void {
    const { doc } = this;
    const perPage = Math.floor((this.bottom - MARGIN - 40) / TOC_LINE);
    if (this.toc.length > perPage * pages.count) {
      throw new RangeError(`${this.toc.length} contents lines do not fit ${pages.count} pages`);
    }
    this.toc.forEach((entry, i) => {
      const page = pages.first + Math.floor(i / perPage);
      const line = i % perPage;
      doc.switchToPage(page - 1);
      if (line === 0) {
        doc.font(FONTS.bold).fontSize(HEADING_SIZES[1]).fillColor('black');
        doc.text(pages.title, MARGIN, MARGIN, { width: this.width });
      }
      const y = MARGIN + 40 + line * TOC_LINE;
      const indent = entry.level === 1 ? 0 : 16;
      doc.font(entry.level === 1 ? FONTS.bold : FONTS.regular).fontSize(BODY_SIZE);
      doc.text(entry.title, MARGIN + indent, y, {
        width: this.width - indent - 40,
        lineBreak: false,
        ellipsis: true,
        height: TOC_LINE,
      });
      doc.font(FONTS.regular).text(String(entry.page), MARGIN + this.width - 40, y, {
        width: 40,
        align: 'right',
        lineBreak: false,
      });
    });
  }

  private rowFont(style: RowStyle | undefined): void {
    this.doc.font(style === 'total' ? FONTS.condensedBold : FONTS.condensed).fontSize(TABLE_SIZE);
  }
}

/** The XMP packet repeats the metadata as XML text that pdfkit does not escape. */
function xmlSafe(text: string): string {
  return text.replace(/&/g, 'et').replace(/[<>]/g, '');
}
