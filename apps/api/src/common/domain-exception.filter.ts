import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ZodValidationException } from 'nestjs-zod';
import { type ZodError } from 'zod';
import { DomainErrorCode, type Problem, formatPath, isDomainError } from '@cordage/domain';
import { type Dependency, unavailableDependency } from './service-unavailable';

/** The HTTP status of each domain error code (the type makes sure none is forgotten). */
const STATUS_OF_CODE: Readonly<Record<DomainErrorCode, HttpStatus>> = {
  [DomainErrorCode.INVALID_SCENARIO]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.DUPLICATE_TENDER]: HttpStatus.CONFLICT,
  [DomainErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.LOGIN_LINK_INVALID]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.CSRF_TOKEN_INVALID]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [DomainErrorCode.ALREADY_MEMBER]: HttpStatus.CONFLICT,
  [DomainErrorCode.ALREADY_IN_DIRECTORY]: HttpStatus.CONFLICT,
  [DomainErrorCode.INVALID_INPUT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.SIGNATURE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.CERTIFICATE_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.ONE_TIME_CODE_INVALID]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.INVALID_TRANSITION]: HttpStatus.CONFLICT,
  [DomainErrorCode.WORKFLOW_RULE_VIOLATED]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** One place decides which HTTP status a domain error code becomes. */
export function statusOf(code: DomainErrorCode): HttpStatus {
  return STATUS_OF_CODE[code];
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  problems?: readonly Problem[];
  details?: Readonly<Record<string, unknown>>;
  requestId?: string;
  errorId?: string;
}

/**
 * Maps every error to a JSON body with a code and a message a person can read. Unknown errors
 * are logged with an error id and answered with that id only: no stack trace leaves the server.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const body = this.toBody(error);
    body.requestId = request.id;
    if (body.code === 'SERVICE_UNAVAILABLE') response.setHeader('Retry-After', '5');
    if (body.statusCode >= 500) {
      body.errorId = randomUUID();
      this.logger.error(
        { err: error, errorId: body.errorId, requestId: request.id },
        'unhandled error',
      );
    }
    // A route that answers HTML or a PDF set its own type before failing: errors are JSON.
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (isDomainError(error)) {
      return {
        statusCode: statusOf(error.code),
        code: error.code,
        message: error.message,
        ...(error.problems.length > 0 && { problems: error.problems }),
        ...(Object.keys(error.details).length > 0 && { details: error.details }),
      };
    }
    if (error instanceof ZodValidationException) {
      const zodError = error.getZodError() as ZodError;
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        code: 'INVALID_REQUEST',
        message: 'La requête contient des valeurs invalides.',
        problems: (zodError.issues ?? []).map((issue) => ({
          path: formatPath(issue.path),
          code: customCode(issue) ?? issue.code.toUpperCase(),
          message: issue.message,
        })),
      };
    }
    const dependency = unavailableDependency(error);
    if (dependency) {
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'SERVICE_UNAVAILABLE',
        message: UNAVAILABLE[dependency],
        details: { service: dependency },
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const health = healthReport(error);
      if (health) return health;
      return {
        statusCode: status,
        code: httpCode(status, error),
        message: httpMessage(status, error),
      };
    }
    if (isClientHttpError(error)) {
      // Raised by Express middleware (body-parser: body too large, unsupported charset).
      return {
        statusCode: error.status,
        code: httpCode(error.status, error),
        message: httpMessage(error.status, error),
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Erreur interne. Communiquez l’identifiant errorId au support.',
    };
  }
}

const UNAVAILABLE: Record<Dependency, string> = {
  database: 'La base de données est momentanément injoignable : réessayez dans un instant.',
  redis:
    'Le suivi des traitements (Redis) est momentanément injoignable : réessayez dans un instant.',
};

/** Terminus's answer when a check fails: which service is down, and what it said. */
function healthReport(error: HttpException): ErrorBody | undefined {
  const report = error.getResponse() as { status?: unknown; error?: unknown; details?: unknown };
  if (report.status !== 'error' || typeof report.error !== 'object' || report.error === null)
    return undefined;
  const down = Object.keys(report.error);
  return {
    statusCode: error.getStatus(),
    code: 'SERVICE_UNAVAILABLE',
    message: `Service indisponible : ${down.join(', ')}.`,
    details: report.details as Record<string, unknown>,
  };
}

/** A custom issue may carry its own code (`params.code`, e.g. NUL_CHARACTER). */
function customCode(issue: ZodError['issues'][number]): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const code = (issue.params as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

const MESSAGES: Partial<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', 'Requête invalide.'],
  404: ['NOT_FOUND', 'Ressource introuvable.'],
  413: ['PAYLOAD_TOO_LARGE', 'Le corps de la requête dépasse la taille autorisée.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Type de contenu non pris en charge : envoyez du JSON.'],
  429: ['TOO_MANY_REQUESTS', 'Trop de requêtes : réessayez dans un instant.'],
};

/** An `http-errors` error meant for the client (`expose`), as Express middleware raises them. */
function isClientHttpError(error: unknown): error is Error & { status: number } {
  // Duck-typed: such errors may come from another realm, where `instanceof Error` is false.
  const candidate = error as { status?: unknown; expose?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    typeof candidate?.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

function httpCode(status: number, error: Error): string {
  return MESSAGES[status]?.[0] ?? error.name.replace(/(Exception|Error)$/, '').toUpperCase();
}

function httpMessage(status: number, error: Error): string {
  // Body-parser errors (malformed JSON, too large) come through as HttpExceptions too.
  if (status === 400 && /JSON/i.test(error.message))
    return 'Le corps de la requête n’est pas un JSON valide.';
  return MESSAGES[status]?.[1] ?? error.message;
}
