import { DomainError } from '@cordage/domain';

/** The DomainError a call was refused with; anything else (success included) fails the test. */
export async function refusedWith(call: Promise<unknown>): Promise<DomainError> {
  const outcome: unknown = await call.then(
    () => 'the call was not refused',
    (thrown: unknown) => thrown,
  );
  if (outcome instanceof DomainError) return outcome;
  throw new Error(`expected a DomainError, got ${String(outcome)}`);
}

/** A refusal's error code and its problems' codes, to compare whole with toEqual. */
export async function refusal(call: Promise<unknown>) {
  const error = await refusedWith(call);
  return { code: error.code, problems: error.problems.map((problem) => problem.code) };
}
