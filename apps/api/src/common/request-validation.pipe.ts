import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ZodValidationException, ZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { NUL_CHARACTER_MESSAGE, nulCharacterPaths } from '@cordage/domain';

/**
 * The api's one validation pipe: refuses text holding a NUL character anywhere in a body, a query
 * or a path parameter (Postgres cannot store it), naming each field, then checks the DTO's schema.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly zod = new ZodValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom') {
      const paths = nulCharacterPaths(value, metadata.data === undefined ? [] : [metadata.data]);
      if (paths.length > 0) {
        throw new ZodValidationException(
          new ZodError(
            paths.map((path) => ({
              code: 'custom' as const,
              path,
              message: NUL_CHARACTER_MESSAGE,
              input: undefined,
              params: { code: 'NUL_CHARACTER' },
            })),
          ),
        );
      }
    }
    return this.zod.transform(value, metadata) as unknown;
  }
}
