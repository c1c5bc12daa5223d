import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { at } from '@cordage/domain';
import { UuidParam, VersionNumberParam, checkPathParameters } from './param.pipe';

function problemsOf(run: () => unknown): { path: PropertyKey[]; message: string }[] {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ZodValidationException)) throw error;
    return (error.getZodError() as ZodError).issues;
  }
  throw new Error('expected a refusal');
}

describe('path parameter pipes', () => {
  const param = (data: string) => ({ type: 'param' as const, data });

  it('passes a uuid and a version number (as a number)', () => {
    const id = '0b6f3b7e-2f7a-4d3c-9a51-3a8f8d2f6c10';
    expect(UuidParam.transform(id, param('memberId'))).toBe(id);
    expect(VersionNumberParam.transform('1', param('number'))).toBe(1);
    expect(VersionNumberParam.transform('2147483647', param('number'))).toBe(2147483647);
  });

  it.each(['not-a-uuid', '-1', '1e99', '\u0000', 'x'.repeat(3000)])(
    'refuses %p as a uuid, naming the parameter in French',
    (value) => {
      const [problem] = problemsOf(() => UuidParam.transform(value, param('memberId')));
      expect(problem).toMatchObject({ path: ['memberId'], message: 'identifiant attendu (UUID)' });
    },
  );

  it.each(['0', '-1', '01', '1.5', '1e99', '2147483648', '99999999999999999999', ''])(
    'refuses %p as a version number, naming the parameter',
    (value) => {
      const problem = at(
        problemsOf(() => VersionNumberParam.transform(value, param('number'))),
        0,
      );
      expect(problem.path).toEqual(['number']);
      expect(problem.message).toBe('numéro attendu : un entier de 1 à 2147483647');
    },
  );

  it('checks every known parameter of a path at once, ignoring none', () => {
    const problems = problemsOf(() =>
      checkPathParameters({ memberId: 'x', number: '-1', documentId: 'y' }),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      ['memberId'],
      ['number'],
      ['documentId'],
    ]);
    expect(() =>
      checkPathParameters({ bidId: '0b6f3b7e-2f7a-4d3c-9a51-3a8f8d2f6c10', number: '3' }),
    ).not.toThrow();
  });
});
