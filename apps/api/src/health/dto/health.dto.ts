import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';

/** Each service checked, by name (`database`, `redis`), with what it said. */
const services = z.record(z.string(), z.looseObject({ status: z.string() }));

/** Terminus's report when every service answers. */
export class HealthDto extends createZodDto(
  z.object({
    status: z.literal('ok'),
    info: services.optional(),
    error: services.optional(),
    details: services,
  }),
) {}
