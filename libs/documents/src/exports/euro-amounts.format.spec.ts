import { centsToDecimalText } from './euro-amounts.format';

describe('centsToDecimalText', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [99, '0.99'],
    [123456, '1234.56'],
    [-1, '-0.01'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%i cents -> %s', (cents, text) => {
    expect(centsToDecimalText(cents)).toBe(text);
  });

  it('refuses a fraction of a cent', () => {
    expect(() => centsToDecimalText(1.5)).toThrow(RangeError);
  });
});
