import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BidEventsFeed, type BidFeedMessage } from '@cordage/application';
import { type ConfigOf, InjectConfig, httpConfig } from '@cordage/config';
import {
  type BidAccessScope,
  Permission,
  type Principal,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access } from '../access/access.decorator';
import { CurrentBid, CurrentPrincipal } from '../access/access.params';
import { IdParam } from '../common/param.pipe';

/** The stream's media type. */
export const EVENT_STREAM = 'text/event-stream';

/**
 * A stream ends after this long and the browser opens it again (after `retry`), through the
 * access guard again: a person whose rights or session ended stops receiving events.
 */
const STREAM_LIFETIME_MS = 15 * 60_000;

/** How long the browser waits before opening a lost stream again. */
const RETRY_MS = 3_000;

/** One server-sent event (the data is one line of JSON). */
const frame = (event: string, data: unknown, id?: string) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A bid's live page: its changes as they are committed, to refetch what changed. */
@ApiTags('bids')
@Controller('bids/:bidId/events')
export class BidEventsController {
  constructor(
    private readonly feed: BidEventsFeed,
    @InjectConfig(httpConfig) private readonly config: ConfigOf<typeof httpConfig>,
  ) {}

  @Get()
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Les changements d’une candidature, en direct (server-sent events)',
    description:
      'Un flux text/event-stream, ouvert tant que la page l’est. Chaque changement validé de la ' +
      'candidature (une déclaration, un vote, une signature…) arrive comme un événement `change` ' +
      'dont `id` est son numéro dans le journal d’audit et `data` un objet JSON ' +
      '`{ seq, bidId, kind, entityType, entityId }` : le genre du changement et les identifiants ' +
      'qu’il touche, rien de plus (un membre qui ne voit pas les offres des autres ne reçoit pas ' +
      'l’identifiant du membre qui a déclaré). La page relit alors ce qu’elle affiche. ' +
      'Le flux commence par `ready` ; `resync` demande de tout relire (des changements ont pu ' +
      'être manqués). Un commentaire `: ping` part régulièrement pour que les relais gardent ' +
      'la connexion. Les événements manqués ne sont pas rejoués : à la reconnexion ' +
      '(`Last-Event-ID` ou non), la page relit tout. Le flux se ferme au bout de 15 minutes et ' +
      'le navigateur le rouvre, droits vérifiés de nouveau.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description:
      'Envoyé par le navigateur à la reconnexion ; les changements manqués ne sont pas rejoués, ' +
      '`ready` dit alors `resync: true`.',
  })
  @ApiProduces(EVENT_STREAM)
  @ApiOkResponse({
    description: 'Le flux d’événements (text/event-stream)',
    content: { [EVENT_STREAM]: { schema: { type: 'string' } } },
  })
  async stream(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const pending: BidFeedMessage[] = [];
    let write: (message: BidFeedMessage) => void = (message) => pending.push(message);
    // Listening before the headers: a database that cannot be reached answers 503, not a
    // stream that would stay silent.
    const stop = await this.feed.follow(bidId, visibleOfferMembers(principal, scope), (message) =>
      write(message),
    );
    if (request.destroyed) {
      stop();
      return;
    }

    response.status(200);
    response.setHeader('Content-Type', `${EVENT_STREAM}; charset=utf-8`);
    // no-transform: the compression middleware leaves the stream alone, and so do proxies.
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    // nginx would otherwise buffer the events.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(`retry: ${RETRY_MS}\n`);
    response.write(frame('ready', { bidId, resync: lastEventId !== undefined }));

    write = (message) => {
      if (message.type === 'end') response.end();
      else if (message.type === 'resync') response.write(frame('resync', { bidId }));
      else response.write(frame('change', message.event, message.event.seq));
    };
    for (const message of pending.splice(0)) write(message);

    const heartbeat = setInterval(
      () => response.write(': ping\n\n'),
      this.config.HTTP_EVENTS_HEARTBEAT_SECONDS * 1_000,
    );
    const lifetime = setTimeout(() => response.end(), STREAM_LIFETIME_MS);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      stop();
    };
    // The reader left (tab closed, network lost) or the stream ended: free its subscription.
    request.on('close', release);
    response.on('close', release);
    response.on('finish', release);
  }
}
