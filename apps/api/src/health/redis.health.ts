import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { type ConfigOf, InjectConfig, redisConfig } from '@cordage/config';

/** Redis is healthy when it answers PING within a second. */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectConfig(redisConfig) config: ConfigOf<typeof redisConfig>,
  ) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
    });
  }

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const answer = await this.redis.ping();
      return answer === 'PONG' ? indicator.up() : indicator.down({ answer });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
