import { z } from 'zod';
import { createZodDto, nullableAsNull } from './zod-dto';

describe('DTOs with nullable fields', () => {
  const schema = z.object({
    finishedAt: z.string().nullable(),
    count: z.number().nullable(),
    nested: z.object({ label: z.string().nullable() }),
  });

  it('hands @nestjs/swagger its own nullable properties as a type and nullable, never a type array', () => {
    class ReadDto extends createZodDto(schema) {}
    const metadata = ReadDto._OPENAPI_METADATA_FACTORY() as Record<string, Record<string, unknown>>;
    expect(metadata.finishedAt).toMatchObject({ type: 'string', nullable: true });
    expect(metadata.count).toMatchObject({ type: 'number', nullable: true });
    expect(ReadDto.create({ finishedAt: null, count: 3, nested: { label: null } })).toEqual({
      finishedAt: null,
      count: 3,
      nested: { label: null },
    });
  });

  it('writes nullable the OpenAPI 3.1 way at every depth', () => {
    const document = {
      a: { type: 'string', nullable: true, format: 'date-time' },
      b: { items: { $ref: '#/components/schemas/X', nullable: true } },
      c: { type: 'string' },
    };
    expect(nullableAsNull(document)).toEqual({
      a: { type: ['string', 'null'], format: 'date-time' },
      b: { items: { anyOf: [{ $ref: '#/components/schemas/X' }, { type: 'null' }] } },
      c: { type: 'string' },
    });
  });
});
