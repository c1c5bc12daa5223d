/**
 * A member's share of a lot, as every document and screen prints it: a percentage with two
 * decimals ("12,35 %"). The allocation keeps shares in per mille with two decimals (12,345 %);
 * one formatter, with no import, so that the PDF, the XLSX's number format and the web app show
 * the same figure (the web app imports this file directly).
 */
const NO_BREAK_SPACE = '\u00a0';

/** The XLSX number format of a share stored as a fraction (0.12345): the same two decimals. */
export const SHARE_PERCENT_NUMBER_FORMAT = '0.00%';

/** 123.45 per mille -> "12,35 %" (half away from zero, as Excel rounds its display). */
export function formatSharePercent(permille: number): string {
  if (!Number.isFinite(permille)) throw new RangeError(`${permille} is not a share`);
  // Per mille with two decimals is a whole number of thousandths of a percent.
  const thousandths = Math.round(permille * 100);
  const hundredths = Math.sign(thousandths) * Math.round(Math.abs(thousandths) / 10);
  const sign = hundredths < 0 ? '-' : '';
  const magnitude = Math.abs(hundredths);
  const units = String(Math.floor(magnitude / 100));
  const decimals = String(magnitude % 100).padStart(2, '0');
  return `${sign}${units},${decimals}${NO_BREAK_SPACE}%`;
}
