import { DomainError } from '../errors';
import { assertAppendOnly } from './append-only.rules';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('append-only revisions', () => {
  it('accepts a revision that extends the previous bytes', () => {
    expect(() => assertAppendOnly(bytes('%PDF-1.7 v1'), bytes('%PDF-1.7 v1 + sig'))).not.toThrow();
  });

  it('refuses a rewritten, truncated or identical revision', () => {
    expect(() => assertAppendOnly(bytes('%PDF-1.7 v1'), bytes('%PDF-1.7 v2 + sig'))).toThrow(
      DomainError,
    );
    expect(() => assertAppendOnly(bytes('%PDF-1.7 v1'), bytes('%PDF'))).toThrow(DomainError);
    expect(() => assertAppendOnly(bytes('%PDF-1.7 v1'), bytes('%PDF-1.7 v1'))).toThrow(DomainError);
  });
});
