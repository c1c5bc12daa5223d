import { HttpCode, HttpStatus, applyDecorators } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A change that answers nothing but its success: 204, documented as such. */
export function NoContent(description = 'Fait'): MethodDecorator {
  return applyDecorators(HttpCode(HttpStatus.NO_CONTENT), ApiNoContentResponse({ description }));
}

/** A route that answers a file or a page (not JSON): its media types, the body as bytes. */
export function ApiFile(
  description: string,
  ...mediaTypes: [string, ...string[]]
): MethodDecorator {
  const bytes = { schema: { type: 'string', format: 'binary' } };
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiOkResponse({
      description,
      content: Object.fromEntries(mediaTypes.map((type) => [type, bytes])),
    }),
  );
}
