import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, DomainError, DomainErrorCode, Permission } from '@cordage/domain';
import { Access, Change } from '../access/access.decorator';
import { CurrentActor } from '../access/access.params';
import { ApiFile, NoContent } from '../common/api-answers.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { IdParam } from '../common/param.pipe';
import {
  CertificateDto,
  DocumentSignaturesDto,
  Pkcs12UploadDto,
  SignDto,
  SignatureCodeRequestDto,
  SignatureCodeSentDto,
  SigningAcceptedDto,
  VerificationDto,
} from './dto/signatures.dto';
import { SignaturesService } from './signatures.service';

const pdfFile = (file: { filename: string; content: Buffer }) =>
  new StreamableFile(file.content, {
    type: 'application/pdf',
    length: file.content.length,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });

/** The certificate is the member's own: the guard checks that the member belongs to the bid. */
const CERTIFICATE_BID = { name: 'bidId', description: 'La candidature du membre' };

@ApiTags('signatures')
@Controller()
export class SignaturesController {
  constructor(private readonly signatures: SignaturesService) {}

  @Post('bids/:bidId/members/:memberId/signature-code')
  @Change(Permission.MEMBER_SIGN)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Recevoir par courriel le code qui confirme sa signature (signataire du membre)',
    description: 'Six chiffres, valable 10 minutes, une seule fois ; cinq erreurs le bloquent.',
  })
  @ApiOkResponse({ type: SignatureCodeSentDto })
  async sendCode(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: SignatureCodeRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<SignatureCodeSentDto> {
    return this.signatures.sendCode(bidId, memberId, body.documentId, actor);
  }

  @Post('bids/:bidId/members/:memberId/signatures')
  @Change(Permission.MEMBER_SIGN, 'ONE_TIME_CODE_INVALID')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Signer la convention figée avec son code (signataire du membre)',
    description:
      'Le worker appose la signature (PAdES, mise à jour incrémentale), une à la fois par ' +
      'document, et scelle un nouveau dossier de preuve. Suivez le job.',
  })
  @ApiAcceptedResponse({ type: SigningAcceptedDto })
  async sign(
    @IdParam('bidId') bidId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: SignDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<SigningAcceptedDto> {
    return this.signatures.sign(bidId, memberId, body, actor, request.ip ?? null);
  }

  @Get('bids/:bidId/members/:memberId/certificate')
  @Access(Permission.MEMBER_SIGN)
  @ApiParam(CERTIFICATE_BID)
  @ApiOperation({ summary: 'Son certificat de signature en vigueur (signataire du membre)' })
  @ApiOkResponse({ type: CertificateDto })
  async certificate(
    @IdParam('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<CertificateDto> {
    return this.signatures.certificate(memberId, actor);
  }

  @Put('bids/:bidId/members/:memberId/certificate')
  @Access(Permission.MEMBER_SIGN)
  @ApiProblems('CERTIFICATE_INVALID', 'INVALID_INPUT')
  @ApiParam(CERTIFICATE_BID)
  @NoContent()
  @ApiOperation({
    summary: 'Signer avec son propre certificat PKCS#12 (signataire du membre)',
    description:
      'Vérifié (mot de passe, dates de validité, usage de la clé) ; la clé privée n’est conservée ' +
      'que chiffrée, le mot de passe jamais. Remplace le certificat en vigueur.',
  })
  async uploadPkcs12(
    @IdParam('memberId') memberId: string,
    @Body() body: Pkcs12UploadDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.signatures.uploadPkcs12(memberId, body, actor);
  }

  @Delete('bids/:bidId/members/:memberId/certificate')
  @Access(Permission.MEMBER_SIGN)
  @ApiParam(CERTIFICATE_BID)
  @NoContent()
  @ApiOperation({
    summary: 'Révoquer son certificat (signataire du membre)',
    description: 'La prochaine signature reçoit un certificat neuf (renouvellement).',
  })
  async revokeCertificate(
    @IdParam('memberId') memberId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.signatures.revokeCertificate(memberId, actor);
  }

  @Get('bids/:bidId/documents/:documentId/signatures')
  @Access(Permission.BID_READ)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({ summary: 'Qui a signé la convention, quand, avec quel certificat ; qui reste' })
  @ApiOkResponse({ type: DocumentSignaturesDto })
  async list(
    @IdParam('bidId') bidId: string,
    @IdParam('documentId') documentId: string,
  ): Promise<DocumentSignaturesDto> {
    return this.signatures.list(bidId, documentId);
  }

  @Get('bids/:bidId/documents/:documentId/signed')
  @Access(Permission.BID_READ)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({ summary: 'Télécharger la convention signée (sa dernière révision)' })
  @ApiFile('La convention signée', 'application/pdf')
  async signed(
    @IdParam('bidId') bidId: string,
    @IdParam('documentId') documentId: string,
  ): Promise<StreamableFile> {
    return pdfFile(await this.signatures.signed(bidId, documentId));
  }

  @Get('bids/:bidId/documents/:documentId/proof')
  @Access(Permission.BID_READ)
  @ApiProblems('INVALID_INPUT')
  @ApiOperation({
    summary: 'Télécharger le dossier de preuve, scellé par la plateforme',
    description:
      'Empreintes SHA-256 du document figé et de chaque révision, signataires, heures, IP.',
  })
  @ApiFile('Le dossier de preuve', 'application/pdf')
  async proof(
    @IdParam('bidId') bidId: string,
    @IdParam('documentId') documentId: string,
  ): Promise<StreamableFile> {
    return pdfFile(await this.signatures.proof(bidId, documentId));
  }

  @Post('bids/:bidId/signatures/verify')
  @Access(Permission.BID_READ)
  @ApiProblems('INVALID_INPUT')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Vérifier les signatures d’un PDF',
    description:
      'Corps : le PDF brut (Content-Type: application/pdf). Pour chaque signature : qui, quand, ' +
      'valide ou non, délivrée par Cordage ou non, et ce que Cordage en a enregistré.',
  })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: VerificationDto })
  @ApiParam({ name: 'bidId', description: 'La candidature dont les signatures font référence' })
  async verify(@Body() pdf: unknown): Promise<VerificationDto> {
    if (!Buffer.isBuffer(pdf)) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'Envoyez le PDF comme corps de la requête (Content-Type: application/pdf).',
        [{ path: 'body', code: 'NOT_A_PDF', message: 'PDF attendu' }],
      );
    }
    return this.signatures.verify(pdf);
  }

  @Get('signing/authority.pem')
  @Access(Permission.PUBLIC)
  @ApiOperation({
    summary: 'Le certificat de l’autorité de Cordage, pour vérifier les signatures chez soi',
    description: 'Par exemple : verify-pdf-signatures convention.pdf authority.pem',
  })
  @ApiFile('Le certificat, en PEM', 'application/x-pem-file')
  async authority(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type('application/x-pem-file');
    return this.signatures.authorityPem();
  }

  @Get('signing/revocations.pem')
  @Access(Permission.PUBLIC)
  @ApiOperation({
    summary: 'La liste des certificats révoqués par l’autorité de Cordage (CRL, PEM)',
    description:
      'Par exemple : openssl verify -crl_check -CAfile authority.pem -CRLfile revocations.pem certificat.pem',
  })
  @ApiFile('La liste de révocation, en PEM', 'application/x-pem-file')
  async revocations(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type('application/x-pem-file');
    return this.signatures.revocationListPem();
  }
}
