import { Injectable } from '@nestjs/common';
import {
  type PlatformKey,
  type PlatformKeyPurpose,
  SigningRepository,
  Transactional,
} from '@cordage/persistence';

export type PlatformKeys = Record<PlatformKeyPurpose, PlatformKey>;

/** The platform's authority and seal keys: made once, whoever asks first. */
@Injectable()
export class PlatformKeysService {
  constructor(private readonly signing: SigningRepository) {}

  /** The keys, made by `create` the first time. */
  async ensure(create: () => Promise<PlatformKeys>): Promise<PlatformKeys> {
    return (await this.signing.platformKeys()) ?? this.make(create);
  }

  /** Two processes starting together make one set: the second finds the first's under the lock. */
  @Transactional()
  private async make(create: () => Promise<PlatformKeys>): Promise<PlatformKeys> {
    await this.signing.lockPlatformKeys();
    const made = await this.signing.platformKeys();
    if (made) return made;
    const keys = await create();
    await this.signing.addPlatformKeys(keys);
    return keys;
  }
}
