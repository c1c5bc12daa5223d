import { createZodDto as createNestZodDto } from 'nestjs-zod';

type Schema = Parameters<typeof createNestZodDto>[0];
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * zod ≥ 4.5 writes a nullable field as `type: ['string', 'null']`; @nestjs/swagger reads that, on
 * a DTO's own property, as an array of strings (nestjs-zod #473, #474), and the document then
 * tells integrators and the web app's generated client `string[]`. Its own properties are handed
 * to @nestjs/swagger as `type: 'string', nullable: true`, which it understands; `nullableAsNull`
 * then writes every such field the OpenAPI 3.1 way in the finished document.
 */
function ownPropertiesNullable(metadata: unknown): void {
  if (!isNode(metadata)) return;
  for (const property of Object.values(metadata)) {
    if (!isNode(property) || !Array.isArray(property.type)) continue;
    const types = (property.type as string[]).filter((type) => type !== 'null');
    if (types.length === 1 && types.length < property.type.length) {
      property.type = types[0];
      property.nullable = true;
    }
  }
}

/** `nullable: true` (OpenAPI 3.0) as OpenAPI 3.1 says it, at every depth of the document. */
export function nullableAsNull<T>(document: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    if (node.nullable === true) {
      delete node.nullable;
      if (typeof node.type === 'string') node.type = [node.type, 'null'];
      else {
        const value = { ...node };
        for (const key of Object.keys(node)) Reflect.deleteProperty(node, key);
        node.anyOf = [value, { type: 'null' }];
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(document);
  return document;
}

/** nestjs-zod's DTO class, its nullable properties said so that @nestjs/swagger reads them. */
export function createZodDto<S extends Schema>(schema: S): ReturnType<typeof createNestZodDto<S>> {
  const dto = createNestZodDto(schema);
  const metadata = dto._OPENAPI_METADATA_FACTORY.bind(dto);
  dto._OPENAPI_METADATA_FACTORY = () => {
    const written = metadata();
    ownPropertiesNullable(written);
    return written;
  };
  return dto;
}
