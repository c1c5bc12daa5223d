import { Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, DomainErrorCode } from '@cordage/domain';

/** An id that is not a uuid names nothing: answer 404 rather than let Postgres reject it. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!z.uuid().safeParse(value).success) throw notFound(this.what, value);
    return value;
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError(DomainErrorCode.NOT_FOUND, `${what} ${id} introuvable.`);
}
