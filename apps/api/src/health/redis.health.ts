import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { type ConfigOf, InjectConfig, httpConfig, redisConfig } from '@cordage/config';

/** Redis is healthy when it answers PING within DEPENDENCY_TIMEOUT_MS (a second by default). */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectConfig(redisConfig) redis: ConfigOf<typeof redisConfig>,
    @InjectConfig(httpConfig) http: ConfigOf<typeof httpConfig>,
  ) {
    this.redis = new Redis(redis.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: http.DEPENDENCY_TIMEOUT_MS,
      commandTimeout: http.DEPENDENCY_TIMEOUT_MS,
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
