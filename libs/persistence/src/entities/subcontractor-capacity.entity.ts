import { Check, Entity, Unique } from 'typeorm';
import { MemberCellHoursRow } from './owned-rows';

/**
 * What a subcontractor says it can lend its principal on one cell (a lot and a territory), in
 * hours: a capacity its principal reads, not an offer to the buyer (the allocation never sees it).
 */
@Entity('subcontractor_capacities')
@Unique('subcontractor_capacities_member_cell_key', ['member', 'lotCell'])
@Check(`"hours" > 0`)
export class SubcontractorCapacityEntity extends MemberCellHoursRow {}
