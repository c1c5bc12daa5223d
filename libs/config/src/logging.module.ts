import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { type ConfigOf, logConfig } from './config-slice';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Structured JSON logs (pino) for every process; over HTTP each line carries the request id,
 * taken from X-Request-Id when the caller sends a sane one, and echoed in the response.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [logConfig.token],
      useFactory: (config: ConfigOf<typeof logConfig>) => ({
        // Every route, in the path syntax of Express 5.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (request: IncomingMessage, response: ServerResponse) => {
            const header = request.headers['x-request-id'];
            const id =
              typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
            response.setHeader('X-Request-Id', id);
            return id;
          },
          // Keep lines short: the request id, method, url and status say what happened.
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          autoLogging: { ignore: (request: IncomingMessage) => request.url === '/api/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
