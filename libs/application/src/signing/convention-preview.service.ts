import { Injectable } from '@nestjs/common';
import {
  type ConventionSettings,
  type ConventionSettingsChange,
  DomainError,
  DomainErrorCode,
  applyConventionSettingsChange,
  buildBidDocumentModel,
  seededTerritoryReferences,
} from '@cordage/domain';
import { type ConventionArticle, conventionArticles } from '@cordage/documents';
import {
  AllocationsRepository,
  BidScenarioRepository,
  BidSettingsRepository,
  BidWorkflowRepository,
  TerritoryRepository,
} from '@cordage/persistence';
import { bidFacts } from '../workflow/bid-facts';

/**
 * The convention's articles as a change of its parameters would word them, before anything is
 * saved or generated: the same checks as saving the parameters, the same model and template as
 * the PDF, on the version the convention would describe. Reads only; nothing is written.
 */
@Injectable()
export class ConventionPreviewService {
  constructor(
    private readonly settings: BidSettingsRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly allocations: AllocationsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /** The articles the change's parameters show in, worded with the change applied. */
  async preview(bidId: string, change: ConventionSettingsChange): Promise<ConventionArticle[]> {
    const terms = await this.settings.conventionTerms(bidId);
    if (!terms) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const { settings } = applyConventionSettingsChange(
      terms.settings,
      change,
      terms.dates,
      new Date(),
    );
    const model = await this.model(bidId, settings);
    return conventionArticles(model, Object.keys(change) as (keyof ConventionSettings)[]);
  }

  /** The agreed version, else the one put to the vote, else the latest: what would be signed. */
  private async model(bidId: string, settings: ConventionSettings) {
    const { agreedVersionId, proposedVersionId } = await bidFacts(this.workflow, bidId);
    const chosen = agreedVersionId ?? proposedVersionId;
    const version = chosen
      ? await this.allocations.findById(chosen)
      : await this.allocations.latest(bidId);
    if (!version) {
      const message =
        'Aucune répartition n’est encore calculée : l’aperçu de la convention en reprend les ' +
        'montants. Lancez d’abord le calcul de la répartition.';
      throw new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [
        { path: 'allocationVersion', code: 'NO_ALLOCATION_VERSION', message },
      ]);
    }
    const scenario = await this.scenarios.exportScenario(bidId);
    if (!scenario) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    const names = await this.territories.namesOf([...seededTerritoryReferences(scenario).keys()]);
    return buildBidDocumentModel({
      scenario,
      result: version.result,
      version: { number: version.number, computedAt: version.createdAt.toISOString() },
      settings,
      territoryName: (code) => names.get(code),
    });
  }
}
