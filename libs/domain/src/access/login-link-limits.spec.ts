import { DomainError } from '../errors';
import { assertLoginLinkAllowed } from './login-link-limits';
import { at, required } from '../invariants';

describe('limits on sign-in link requests', () => {
  const limits = { perAddress: 5, perIp: 300 };
  const refusal = (byEmail: number, byIp: number) => {
    try {
      assertLoginLinkAllowed({ byEmail, byIp }, limits);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    }
  };

  it('lets a training room of 30 behind one IP each ask a few links', () => {
    for (let asked = 0; asked < 30 * 4; asked++) expect(refusal(asked % 4, asked)).toBeNull();
  });

  it('stops an address at its own limit, naming the field', () => {
    expect(refusal(4, 0)).toBeNull();
    const refused = required(refusal(5, 5), 'the refusal');
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toBe(
      'Trop de demandes de lien pour cette adresse : réessayez dans un quart d’heure.',
    );
    expect(refused.problems).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('stops an IP past its wide limit, whatever the address', () => {
    expect(refusal(0, 299)).toBeNull();
    const refused = required(refusal(0, 300), 'the refusal');
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/depuis votre réseau/);
    expect(at(refused.problems, 0).code).toBe('LOGIN_LINKS_PER_IP');
  });
});
