import { decimalText, decimalValue, readDecimal } from './french-decimal';

describe('readDecimal: numbers as French people type them', () => {
  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1 200', 1200],
    ['1\u00a0200,5', 1200.5],
    ['1\u202f234\u202f567', 1234567],
    [' 800 ', 800],
    [',5', 0.5],
    ['0.125', 0.13],
    ['12,50', 12.5],
    ['7', 7],
  ])('reads « %s » as %d, never 10 times more', (typed, value) => {
    if (typed === '0.125') {
      // Three decimals are refused, not rounded.
      expect(readDecimal(typed).kind).toBe('invalid');
      return;
    }
    expect(readDecimal(typed)).toEqual({ kind: 'number', value });
  });

  it('reads an empty field as empty', () => {
    expect(readDecimal('  ')).toEqual({ kind: 'empty' });
    expect(decimalValue('')).toBeNull();
  });

  it.each(['1.200', '12.500', '1.200,5', '1,200.5', '1,2,3'])(
    'refuses « %s », which reads two ways, and says how to write it',
    (typed) => {
      const reading = readDecimal(typed);
      expect(reading.kind).toBe('invalid');
      expect(reading.kind === 'invalid' && reading.message).toMatch(/deux façons/);
    },
  );

  it.each(['12 5', '1 20', 'douze', '12h', '12,', '-3', '1e3', '12,5 h'])(
    'refuses « %s » with a French message',
    (typed) => {
      const reading = readDecimal(typed);
      expect(reading).toEqual({ kind: 'invalid', message: expect.stringMatching(/^[A-Z«0-9]/) });
    },
  );

  it('says how to write an amount that reads two ways', () => {
    expect(readDecimal('1.200')).toEqual({
      kind: 'invalid',
      message:
        '« 1.200 » peut se lire de deux façons : écrivez 1 200 pour des milliers, ou 1,2 pour des décimales.',
    });
  });

  it('refuses decimals where only whole numbers make sense', () => {
    expect(readDecimal('12,5', { integer: true })).toEqual({
      kind: 'invalid',
      message: 'Indiquez un nombre entier, sans décimales.',
    });
    expect(readDecimal('12,0', { integer: true })).toEqual({ kind: 'number', value: 12 });
    expect(readDecimal('1 200', { integer: true })).toEqual({ kind: 'number', value: 1200 });
  });

  it('refuses more decimals than the field keeps', () => {
    expect(readDecimal('12,345').kind).toBe('invalid');
    expect(readDecimal('12,345', { maxDecimals: 3 })).toEqual({ kind: 'number', value: 12.345 });
  });

  it('writes back what it read, in French, and reads it again the same', () => {
    expect(decimalText(1200.5)).toBe('1\u202f200,5');
    for (const value of [0.5, 12.5, 1200, 1234567.25]) {
      expect(decimalValue(decimalText(value))).toBe(value);
    }
    // Hours stored to the microhour are shown whole, never rounded by the field.
    expect(decimalText(12.345678)).toBe('12,345678');
    expect(decimalValue(decimalText(12.345678), { maxDecimals: 6 })).toBe(12.345678);
  });
});
