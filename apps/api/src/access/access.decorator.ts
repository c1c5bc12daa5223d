import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import { Permission } from '@cordage/domain';

export const ACCESS_METADATA = 'cordage:access';

/**
 * The permission a route needs. Every route declares one (the guard refuses the others), and it
 * is published in the OpenAPI document as `x-access`.
 */
export function Access(permission: Permission): MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, permission),
    ApiExtension('x-access', permission),
    ...(permission === Permission.PUBLIC ? [] : [ApiCookieAuth('session')]),
  );
}
