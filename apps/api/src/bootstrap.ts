import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, {
  type Express,
  type NextFunction,
  type Request,
  type Response,
  json,
  raw,
  urlencoded,
} from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import helmet from 'helmet';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { nullableAsNull } from './common/zod-dto';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { type ConfigOf, INSTALL_ROOT, httpConfig, publicUrlConfig } from '@cordage/config';
import { DOCUMENT_MEDIA_TYPES, DomainErrorCode } from '@cordage/domain';
import { SAFE_METHODS } from './access/access.guard';
import { CSRF_HEADER, SESSION_COOKIE } from './access/access-request';
import { BODY_PROBLEMS, addProblems } from './common/api-problems.decorator';
import { ProblemDto } from './common/dto/problem.dto';

/** The built web app (npm run web:build); absent in a checkout that only runs the api. */
const WEB_APP_DIR = path.join(INSTALL_ROOT, 'apps', 'web', 'dist');

/** The OCDS extension this api publishes, as docs/ describes it. */
const OCDS_EXTENSION_DIR = path.join(INSTALL_ROOT, 'docs', 'ocds-extension');

/**
 * Everything around the routes, shared by main.ts and the e2e tests so that tests exercise the
 * app exactly as it runs: logger, security headers, body limits, /api prefix, OpenAPI.
 */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get<ConfigOf<typeof httpConfig>>(httpConfig.token);
  // People read these messages: request validation speaks French like the domain does.
  z.config(z.locales.fr());
  app.useLogger(app.get(Logger));
  // The rate limits and the sign-in records read the client's address: behind a proxy, only
  // the proxies named here may tell it.
  (app.getHttpAdapter().getInstance() as Express).set('trust proxy', config.TRUST_PROXY);
  app.use(helmet());
  // The web app's scripts and the api's JSON travel compressed (a phone loads 260 kB, not 1 MB);
  // PDFs and workbooks are compressed already and go as they are.
  app.use(compression());
  // Scenario files are large by nature; every other body stays small.
  app.use('/api/scenarios', json({ limit: config.HTTP_SCENARIO_BODY_LIMIT }));
  app.use(
    '/api/scenarios/xlsx',
    raw({ type: DOCUMENT_MEDIA_TYPES.XLSX, limit: config.HTTP_SCENARIO_BODY_LIMIT }),
  );
  // The network's members file comes as it is, CSV or XLSX.
  app.use(
    /^\/api\/networks\/[^/]+\/organisations\/import$/,
    raw({
      type: ['text/csv', DOCUMENT_MEDIA_TYPES.XLSX],
      limit: config.HTTP_SCENARIO_BODY_LIMIT,
    }),
  );
  // A month's realised figures for every member of a large network (60,000 lines at most).
  app.use(
    /^\/api\/bids\/[^/]+\/realised\/import$/,
    json({ limit: config.HTTP_SCENARIO_BODY_LIMIT }),
  );
  // A PDF to verify comes as it is.
  app.use('/api/bids', raw({ type: 'application/pdf', limit: config.HTTP_SCENARIO_BODY_LIMIT }));
  app.use(json({ limit: config.HTTP_BODY_LIMIT }));
  // The login page posts its token as a form.
  app.use('/api/auth/session', urlencoded({ extended: false, limit: '4kb' }));
  app.use(cookieParser());
  // The OCDS extension the exported packages name: public, as OCDS tools fetch it.
  app.use('/ocds-extension', express.static(OCDS_EXTENSION_DIR));
  serveWebApp(app);
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();

  const { PUBLIC_URL } = app.get<ConfigOf<typeof publicUrlConfig>>(publicUrlConfig.token);
  SwaggerModule.setup('api/docs', app, openApiDocument(app, PUBLIC_URL), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

/**
 * Serves the web app: its hashed assets cached for a year, and its page for every other address
 * that is not the api's, so that a link to /candidatures/… opens the app there.
 */
function serveWebApp(app: INestApplication): void {
  const page = path.join(WEB_APP_DIR, 'index.html');
  if (!existsSync(page)) return;
  app.use(
    '/assets',
    express.static(path.join(WEB_APP_DIR, 'assets'), { immutable: true, maxAge: '1y' }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !/^\/(api|ocds-extension|assets)(\/|$)/.test(request.path) &&
      request.accepts('html') === 'html';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(page);
  });
}

/** The OpenAPI document of every route: served at /api/docs-json, and the web client's source. */
export function openApiDocument(app: INestApplication, publicUrl?: string): OpenAPIObject {
  const config = new DocumentBuilder()
    // nestjs-zod writes the DTOs' schemas in JSON Schema 2020-12 (`type: [string, null]`,
    // numeric exclusiveMinimum), which is OpenAPI 3.1's dialect and not 3.0's.
    .setOpenAPIVersion('3.1.0')
    .setTitle('Cordage')
    .setDescription(
      'Candidatures groupées des réseaux de l’ESS aux marchés publics : import des scénarios, ' +
        'consultations, lots, membres et offres.',
    )
    .setVersion('0.1.0')
    .addServer(publicUrl ?? '/')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie' }, 'session')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: CSRF_HEADER,
        description: 'Le jeton anti-CSRF de la session (POST /auth/session, GET /auth/me).',
      },
      'csrf',
    )
    .addSecurityRequirements('session')
    .build();
  // Cordage is not open source (package.json: UNLICENSED); setLicense would want a URL.
  config.info.license = { name: 'UNLICENSED' };
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  return documentGlobalAnswers(nullableAsNull(cleanupOpenApiDoc(document)));
}

/** Ids the guard looks up itself: a malformed one names nothing, and is answered NOT_FOUND. */
const RESOLVED_BY_GUARD = new Set(['bidId', 'jobId', 'networkId']);

/**
 * What the api's global layers add to every route, by the kind of request rather than by route,
 * so it is documented here in one place (a route's decorators run before its @Post names the
 * method): AccessGuard asks for the CSRF header on every change of a signed-in route (its
 * SAFE_METHODS), the validation pipe refuses a bad path parameter (but those the guard resolves),
 * query or body, and the body parsers a body that is not JSON or is too large.
 */
function documentGlobalAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = operation.security?.some(
        (requirement) => Object.keys(requirement).length === 0,
      );
      if (!isPublic && !SAFE_METHODS.has(method.toUpperCase())) {
        operation.security = [{ session: [], csrf: [] }];
        addProblems(operation, [DomainErrorCode.CSRF_TOKEN_INVALID]);
      }
      const checked = (operation.parameters ?? []).filter(
        (parameter) =>
          !('in' in parameter && parameter.in === 'path' && RESOLVED_BY_GUARD.has(parameter.name)),
      );
      if (checked.length > 0) addProblems(operation, ['INVALID_REQUEST']);
      if (operation.requestBody) addProblems(operation, BODY_PROBLEMS);
    }
  }
  return document;
}
