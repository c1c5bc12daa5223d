import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContractReportsService, type ReportReader } from '@cordage/application';
import type { ContractReportSummary } from '@cordage/persistence';
import {
  type Actor,
  type BidAccessScope,
  Permission,
  type Principal,
  visibleOfferMembers,
} from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor, CurrentBid, CurrentPrincipal } from '../access/access.params';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  ReportApprovalsDto,
  ReportDto,
  ReportRequestDto,
  ReportRequestedDto,
} from './dto/reports.dto';

/** Whether the reader sees every member's figures (coordinators, or an OPEN transparency). */
const readerOf = (principal: Principal, scope: BidAccessScope): ReportReader =>
  visibleOfferMembers(principal, scope) === 'ALL' ? 'ALL' : 'OWN';

function toDto(bidId: string, report: ContractReportSummary): ReportDto {
  return {
    ...report,
    requestedAt: report.requestedAt.toISOString(),
    finishedAt: report.finishedAt?.toISOString() ?? null,
    documents: report.documents.map((document) => ({
      ...document,
      downloadUrl: `/api/bids/${bidId}/documents/${document.id}`,
    })),
  };
}

/** After the award: the insertion report, the annual shared evaluation, the OCDS releases. */
@ApiTags('contract')
@Controller('bids/:bidId')
export class ReportsController {
  constructor(private readonly reports: ContractReportsService) {}

  @Post('reports')
  @Change(Permission.BID_MANAGE)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Produire un rapport d’exécution (coordinateurs)',
    description:
      'Le worker produit le rapport : INSERTION (lot et période, XLSX et PDF), EVALUATION ' +
      '(année, PDF à approuver par les membres) ou OCDS (JSON valide OCDS 1.1.5). Le même ' +
      'rapport demandé deux fois pendant qu’il attend est un seul job. Refusé en nommant le ' +
      'champ : candidature non attribuée, lot inconnu ou perdu, période hors du marché, année ' +
      'sans réalisé.',
  })
  @ApiAcceptedResponse({ type: ReportRequestedDto })
  async request(
    @IdParam('bidId') bidId: string,
    @Body() body: ReportRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReportRequestedDto> {
    return this.reports.request(
      bidId,
      {
        report: body.report,
        lot: body.lot ?? null,
        period: body.period ?? null,
        year: body.year ?? null,
      },
      actor,
    );
  }

  @Get('reports')
  @Access(Permission.BID_READ)
  @ApiOperation({
    summary: 'Les rapports d’exécution, le plus récent d’abord',
    description:
      'Ils donnent les chiffres de tous les membres : les coordinateurs les lisent, les membres ' +
      'quand la transparence de la candidature est OPEN.',
  })
  @ApiOkResponse({ type: [ReportDto] })
  async list(
    @IdParam('bidId') bidId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ReportDto[]> {
    const reports = await this.reports.list(bidId, readerOf(principal, scope));
    return reports.map((report) => toDto(bidId, report));
  }

  @Get('reports/:reportId')
  @Access(Permission.BID_READ)
  @ApiProblems('FORBIDDEN')
  @ApiOperation({
    summary: 'Un rapport d’exécution et ses fichiers',
    description: 'Les fichiers se téléchargent par /documents/{documentId}. Même visibilité.',
  })
  @ApiOkResponse({ type: ReportDto })
  async find(
    @IdParam('bidId') bidId: string,
    @IdParam('reportId') reportId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ReportDto> {
    return toDto(bidId, await this.reports.find(bidId, reportId, readerOf(principal, scope)));
  }

  @Post('members/:memberId/evaluations/:reportId/approval')
  @Change(Permission.MEMBER_APPROVE)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approuver l’évaluation partagée pour un membre (son signataire ou un éditeur)',
    description:
      'Une fois par membre ; l’approuver de nouveau ne change rien. Tracé dans le journal d’audit.',
  })
  @ApiOkResponse({ type: ReportApprovalsDto })
  async approve(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @IdParam('reportId') reportId: string,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ReportApprovalsDto> {
    return this.reports.approve(bidId, memberId, reportId, readerOf(principal, scope), actor);
  }

  @Get('reports/:reportId/approvals')
  @Access(Permission.BID_READ)
  @ApiProblems('FORBIDDEN')
  @ApiOperation({ summary: 'Les approbations d’une évaluation partagée, par membre' })
  @ApiOkResponse({ type: ReportApprovalsDto })
  async approvals(
    @IdParam('bidId') bidId: string,
    @IdParam('reportId') reportId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentBid() scope: BidAccessScope,
  ): Promise<ReportApprovalsDto> {
    return this.reports.approvals(bidId, reportId, readerOf(principal, scope));
  }
}
