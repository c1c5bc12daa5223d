import { Alert, Text } from '@mantine/core';
import { type Problem, messageOf } from '../api/errors';
import { sentence } from './sentence';

/**
 * An action that failed, said above its buttons with the api's own French message; nothing while
 * there is no error (give it a mutation's `error`, null until it fails).
 */
export function FailureAlert({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {messageOf(error)}
    </Alert>
  );
}

/** The problems of a refusal that belong to no field of the form, one sentence each. */
export function ProblemsAlert({ problems, title }: { problems: Problem[]; title?: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {problems.map((problem) => (
        <Text key={`${problem.path}-${problem.code}`} size="sm">
          {sentence(problem.message)}
        </Text>
      ))}
    </Alert>
  );
}
