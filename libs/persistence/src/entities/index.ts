import { BidEntity } from './bid.entity';
import { LotCellEntity } from './lot-cell.entity';
import { LotEntity } from './lot.entity';
import { MemberLimitEntity } from './member-limit.entity';
import { MemberEntity } from './member.entity';
import { OfferEntity } from './offer.entity';
import { OrganisationEntity } from './organisation.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ScenarioImportEntity } from './scenario-import.entity';
import { SubcontractEntity } from './subcontract.entity';
import { TenderEntity } from './tender.entity';
import { TerritoryEntity } from './territory.entity';

export {
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  MemberLimitEntity,
  OfferEntity,
  OrganisationEntity,
  OutboxMessageEntity,
  ScenarioImportEntity,
  SubcontractEntity,
  TenderEntity,
  TerritoryEntity,
};
export type { MemberRole } from './member.entity';
export type { ScenarioImportFailure, ScenarioImportStatus } from './scenario-import.entity';

export const ENTITIES = [
  BidEntity,
  LotCellEntity,
  LotEntity,
  MemberEntity,
  MemberLimitEntity,
  OfferEntity,
  OrganisationEntity,
  OutboxMessageEntity,
  ScenarioImportEntity,
  SubcontractEntity,
  TenderEntity,
  TerritoryEntity,
];
