import { nulCharacterPaths } from './nul-characters';

describe('nulCharacterPaths', () => {
  it('finds NUL characters in strings and keys, at any depth, in document order', () => {
    const value = {
      title: 'Charte\u0000',
      lots: [{ name: 'ok' }, { name: 'a\u0000b', tags: ['x', '\u0000'] }],
      ['clé\u0000']: 1,
      clean: 'rien',
    };
    expect(nulCharacterPaths(value)).toEqual([
      ['title'],
      ['lots', 1, 'name'],
      ['lots', 1, 'tags', 1],
      ['clé\u0000'],
    ]);
  });

  it('starts from the given path, and finds nothing in clean text, numbers or bytes', () => {
    expect(nulCharacterPaths('a\u0000', ['memberId'])).toEqual([['memberId']]);
    expect(nulCharacterPaths({ a: 'texte', b: 12, c: null, d: [true] })).toEqual([]);
    expect(nulCharacterPaths(Buffer.from([0, 0, 0]))).toEqual([]);
    // Objects of the null prototype, as Node's query parser makes them, are walked too.
    expect(nulCharacterPaths(Object.assign(Object.create(null), { q: '\u0000' }))).toEqual([['q']]);
  });

  it('walks a document nested deeper than the call stack, and stops at the limit', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulCharacterPaths(deep)[0]).toHaveLength(100_000);
    const many = Array.from({ length: 50 }, () => '\u0000');
    expect(nulCharacterPaths(many, [], 20)).toHaveLength(20);
  });
});
