import { getMetadataArgsStorage } from 'typeorm';
import { NetworkOrganisationEntity } from './network-organisation.entity';
import { RepresentationRequestEntity } from './representation-request.entity';

function joinColumnOf(target: object, property: string): string | undefined {
  return getMetadataArgsStorage().joinColumns.find(
    (column) => column.target === target && column.propertyName === property,
  )?.name;
}

describe('ManyToOneRef', () => {
  it('joins on the property name in snake_case followed by _id', () => {
    expect(joinColumnOf(NetworkOrganisationEntity, 'homeTerritory')).toBe('home_territory_id');
  });

  it('joins on the column it is given when the schema names it otherwise', () => {
    expect(joinColumnOf(RepresentationRequestEntity, 'requester')).toBe('requested_by');
  });

  it('keeps the nullability and the ON DELETE it is given', () => {
    const relation = getMetadataArgsStorage().relations.find(
      (r) => r.target === RepresentationRequestEntity && r.propertyName === 'decider',
    );
    expect(relation?.relationType).toBe('many-to-one');
    expect(relation?.options).toEqual({ nullable: true, onDelete: 'SET NULL' });
  });
});
