import { formatCount, formatEuros, formatHours, formatPercentAtLeast } from './french-format';

const NNBSP = '\u202f'; // between thousands
const NBSP = '\u00a0'; // before a unit

describe('French number formats', () => {
  it('writes amounts in euros from cents, exactly, with French separators', () => {
    expect(formatEuros(123456789)).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
    expect(formatEuros(5)).toBe(`0,05${NBSP}€`);
    expect(formatEuros(100)).toBe(`1,00${NBSP}€`);
    expect(formatEuros(-123456)).toBe(`-1${NNBSP}234,56${NBSP}€`);
    // Beyond what a double divided by 100 keeps: the cents are never rounded.
    expect(formatEuros(Number.MAX_SAFE_INTEGER)).toBe(
      `90${NNBSP}071${NNBSP}992${NNBSP}547${NNBSP}409,91${NBSP}€`,
    );
    expect(() => formatEuros(1.5)).toThrow(RangeError);
  });

  it('writes counts with French separators', () => {
    expect(formatCount(1000)).toBe(`1${NNBSP}000`);
    expect(formatCount(7)).toBe('7');
  });

  it('writes hours with at most two decimals', () => {
    expect(formatHours(1234.5)).toBe(`1${NNBSP}234,5${NBSP}h`);
    expect(formatHours(420)).toBe(`420${NBSP}h`);
    expect(formatHours(0.125)).toBe(`0,13${NBSP}h`);
  });

  it('never overstates an "at least" percentage, whatever the solver noise', () => {
    expect(formatPercentAtLeast(0.6346154601511477)).toBe(`63,4${NBSP}%`);
    expect(formatPercentAtLeast(0.7)).toBe(`70${NBSP}%`);
    expect(formatPercentAtLeast(0.69999999999)).toBe(`70${NBSP}%`);
    expect(formatPercentAtLeast(0.6999)).toBe(`69,9${NBSP}%`);
    expect(formatPercentAtLeast(1)).toBe(`100${NBSP}%`);
  });
});
