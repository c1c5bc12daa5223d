import { ApiNotFoundResponse, ApiOkResponse, DECORATORS } from '@nestjs/swagger';
import { ApiProblems, problemStatus } from './api-problems.decorator';

type Answers = Record<string, { description?: string; content?: Record<string, unknown> }>;

const codesOf = (answers: Answers, status: number): unknown =>
  (
    answers[String(status)]?.content?.['application/json'] as
      { schema: { properties: { code: { enum: string[] } } } } | undefined
  )?.schema.properties.code.enum;

describe('ApiProblems', () => {
  it('adds the codes of several uses up, by status, keeping the route’s other answers', () => {
    class Routes {
      @ApiProblems('FORBIDDEN', 'NOT_FOUND')
      @ApiProblems('ONE_TIME_CODE_INVALID', 'INVALID_INPUT')
      @ApiOkResponse({ description: 'fait' })
      sign(): void {}
    }
    const answers = Reflect.getMetadata(
      DECORATORS.API_RESPONSE,
      Object.getOwnPropertyDescriptor(Routes.prototype, 'sign')?.value as object,
    ) as Answers;
    expect(Object.keys(answers).sort()).toEqual(['200', '403', '404', '422']);
    expect(answers['200']?.description).toBe('fait');
    expect(codesOf(answers, 403)).toEqual(['FORBIDDEN', 'ONE_TIME_CODE_INVALID']);
    expect(codesOf(answers, 404)).toEqual(['NOT_FOUND']);
    expect(codesOf(answers, 422)).toEqual(['INVALID_INPUT']);
  });

  it('replaces an answer @ApiResponse gave the same status, rather than merging two bodies', () => {
    class Routes {
      @ApiProblems('NOT_FOUND')
      @ApiNotFoundResponse({ description: 'introuvable' })
      read(): void {}
    }
    const answers = Reflect.getMetadata(
      DECORATORS.API_RESPONSE,
      Object.getOwnPropertyDescriptor(Routes.prototype, 'read')?.value as object,
    ) as Answers;
    expect(answers['404']?.description).toBe('NOT_FOUND');
  });

  it('gives each code the status the exception filter answers it with', () => {
    expect(problemStatus('INVALID_REQUEST')).toBe(400);
    expect(problemStatus('UNAUTHENTICATED')).toBe(401);
    expect(problemStatus('CSRF_TOKEN_INVALID')).toBe(403);
    expect(problemStatus('INVALID_TRANSITION')).toBe(409);
    expect(problemStatus('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(problemStatus('WORKFLOW_RULE_VIOLATED')).toBe(422);
    expect(problemStatus('TOO_MANY_REQUESTS')).toBe(429);
  });
});
