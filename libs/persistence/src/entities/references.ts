import { Column, CreateDateColumn, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import type { ObjectType, RelationOptions } from 'typeorm';

/**
 * The column decorators every entity repeats, composed once so that an entity reads as its
 * schema: which row it points to and what happens when that row goes, not how TypeORM spells it.
 */

export interface RefOptions {
  /** What deleting the referenced row does to this one (the foreign key's ON DELETE). */
  onDelete: NonNullable<RelationOptions['onDelete']>;
  nullable?: boolean;
  /** The foreign key column, when it is not the property's name in snake_case followed by `_id`. */
  joinColumn?: string;
}

/** `homeTerritory` -> `home_territory_id`: the schema's naming of a foreign key column. */
function foreignKeyColumnOf(property: string): string {
  return `${property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}_id`;
}

/**
 * The relation to the row a foreign key points to. The key itself is the entity's own
 * @RefColumn, so that queries can read and write the id without loading the row. The target may
 * be named by string where two entities would otherwise import each other.
 */
export function ManyToOneRef<T>(
  target: string | (() => ObjectType<T>),
  { onDelete, nullable = false, joinColumn }: RefOptions,
): PropertyDecorator {
  return (prototype, property) => {
    JoinColumn({ name: joinColumn ?? foreignKeyColumnOf(String(property)) })(prototype, property);
    ManyToOne(target, { nullable, onDelete })(prototype, property);
  };
}

/**
 * A reference to a row *within* a parent this row also names: a member of this bid, a cell of
 * this lot. One foreign key on two columns (`scope` first, then the row's own id column), so the
 * database refuses a member of another bid, with one check where two single keys cost two. The
 * target needs a unique key on (its scope column, id).
 */
export function ManyToOneWithin<T>(
  target: () => ObjectType<T>,
  {
    scope,
    column,
    onDelete,
  }: { scope: [column: string, property: string]; column: string } & Pick<RefOptions, 'onDelete'>,
): PropertyDecorator {
  return (prototype, property) => {
    JoinColumn([
      { name: scope[0], referencedColumnName: scope[1] },
      { name: column, referencedColumnName: 'id' },
    ])(prototype, property);
    ManyToOne(target, { nullable: false, onDelete })(prototype, property);
  };
}

/** A uuid column holding another row's id (the column of a @ManyToOneRef, or a plain reference). */
export function RefColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ name, type: 'uuid', nullable: options.nullable ?? false });
}

/** A point in time, always with its time zone. */
export function TimestampColumn(
  name: string,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  return Column({ name, type: 'timestamptz', nullable: options.nullable ?? false });
}

/** Set by the database when the row is inserted. */
export function CreatedAt(name = 'created_at'): PropertyDecorator {
  return CreateDateColumn({ name, type: 'timestamptz' });
}

/** Set by TypeORM on every save of the row. */
export function UpdatedAt(name = 'updated_at'): PropertyDecorator {
  return UpdateDateColumn({ name, type: 'timestamptz' });
}
