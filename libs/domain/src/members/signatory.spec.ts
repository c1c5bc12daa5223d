import { DomainError } from '../errors';
import { assertSignatoryMayChange } from './signatory';

describe('a member’s signatory', () => {
  it('changes while no convention that prints it is being signed', () => {
    expect(() => assertSignatoryMayChange('Rénov’Plaine', [])).not.toThrow();
  });

  it('is refused, naming the bids in signature, while one is', () => {
    let refusal: unknown;
    try {
      assertSignatoryMayChange('Rénov’Plaine', ['2027-D93-PEINT']);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'WORKFLOW_RULE_VIOLATED',
      message: expect.stringContaining(
        'Le signataire de Rénov’Plaine ne peut pas changer pendant la signature',
      ) as unknown,
      problems: [{ path: 'email', code: 'CONVENTION_IN_SIGNATURE' }],
    });
  });
});
