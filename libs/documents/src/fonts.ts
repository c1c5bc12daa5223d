import path from 'node:path';

/**
 * DejaVu, from the `dejavu-fonts-ttf` package: a TrueType font with every French glyph (é, œ, «,
 * €, narrow no-break space), embedded in every PDF Cordage writes. Woff files lose accents.
 */
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONTS = {
  regular: path.join(DEJAVU, 'DejaVuSans.ttf'),
  bold: path.join(DEJAVU, 'DejaVuSans-Bold.ttf'),
  italic: path.join(DEJAVU, 'DejaVuSans-Oblique.ttf'),
  condensed: path.join(DEJAVU, 'DejaVuSansCondensed.ttf'),
  condensedBold: path.join(DEJAVU, 'DejaVuSansCondensed-Bold.ttf'),
} as const;
