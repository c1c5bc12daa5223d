import { InvariantViolation, at, required } from './required';

describe('at', () => {
  it('returns the element at the index, undefined elements included', () => {
    expect(at(['a', 'b'], 1)).toBe('b');
    expect(at([undefined, 1], 0)).toBeUndefined();
  });

  it.each([-1, 2, 0.5, Number.NaN])('refuses index %s of a list of 2', (index) => {
    expect(() => at(['a', 'b'], index)).toThrow(
      new InvariantViolation(`no element at index ${index} of a list of 2`),
    );
  });
});

describe('required', () => {
  it('returns a value that is there, falsy ones included', () => {
    expect(required(0, 'the count')).toBe(0);
    expect(required('', 'the label')).toBe('');
  });

  it.each([undefined, null])('names what is missing (%s)', (value) => {
    expect(() => required(value, 'the lot of cell 3')).toThrow(
      new InvariantViolation('the lot of cell 3 is missing'),
    );
  });
});
