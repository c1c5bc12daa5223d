import { formatSharePercent } from './share-percent';

describe('a share as a percentage with two decimals', () => {
  it.each([
    [123.45, '12,35\u00a0%'],
    [123.44, '12,34\u00a0%'],
    [1000, '100,00\u00a0%'],
    [0, '0,00\u00a0%'],
    [0.05, '0,01\u00a0%'],
    [0.04, '0,00\u00a0%'],
    [866.67, '86,67\u00a0%'],
    [999.99, '100,00\u00a0%'],
  ])('%d per mille reads %s', (permille, text) => {
    expect(formatSharePercent(permille)).toBe(text);
  });

  it('refuses what is not a number', () => {
    expect(() => formatSharePercent(Number.NaN)).toThrow(RangeError);
  });
});
