import {
  type BidDocumentModel,
  type DocumentSubcontract,
  SUBCONTRACT_KIND_LABELS,
  formatEuros,
  formatSharePercent,
} from '@cordage/domain';
import { CONVENTION_TEMPLATE } from './convention-template.fr';
import { DocumentLayout, type TableColumn } from './document.layout';
import { TO_COMPLETE, formatBasisPoints, frenchDateTime, yesNo } from './french-text.format';

/**
 * The DC1 and DC4 data sheets: what the coordinator copies into the official forms (lettre de
 * candidature, déclaration de sous-traitance), from the same model as the convention, so that the
 * forms and the convention agree. They say plainly that they are not the forms themselves.
 */
const FIELD_COLUMNS: TableColumn[] = [
  { header: 'Rubrique', weight: 1 },
  { header: 'Valeur', weight: 2.4 },
];

function sheet(model: BidDocumentModel, form: 'DC1' | 'DC4', what: string, subject: string) {
  const title = `Fiche de données pour le formulaire ${form} — ${what}`;
  const layout = new DocumentLayout({
    title: `${title} — ${model.tender.reference}`,
    subject,
    keywords: [form, model.tender.reference, `répartition v${model.allocation.versionNumber}`],
    createdAt: model.allocation.computedAt,
    runningTitle: `Fiche ${form} — ${model.tender.reference} — répartition v${model.allocation.versionNumber}`,
  });
  layout.heading(title, 1);
  layout.paragraphs(
    [
      `Document de travail généré par Cordage : ce n’est pas le formulaire officiel ${form}. Recopiez ces données dans le formulaire ${form} en vigueur. Données de la répartition version ${model.allocation.versionNumber}.`,
    ],
    { italic: true, size: 8.5 },
  );
  layout.heading('Acheteur et consultation', 2);
  layout.table(
    FIELD_COLUMNS,
    [
      ['Acheteur', `${model.tender.buyer.name} (${model.tender.buyer.identifier})`],
      ['Objet de la consultation', model.tender.title],
      ['Référence', model.tender.reference],
      ['Date limite de remise', frenchDateTime(model.tender.deadline, model.timeZone)],
    ].map((cells) => ({ cells })),
    false,
  );
  return layout;
}

/** The DC1 sheet: the candidate consortium, its members, its mandataire and the split per lot. */
export async function renderDc1Pdf(model: BidDocumentModel): Promise<Buffer> {
  const layout = sheet(
    model,
    'DC1',
    'lettre de candidature',
    `Candidature en groupement : ${model.tender.title}`,
  );
  layout.heading('Lots présentés', 2);
  layout.table(
    [
      { header: 'Lot', weight: 0.5 },
      { header: 'Intitulé', weight: 3 },
      { header: 'Montant HT', weight: 1.2, align: 'right' },
    ],
    model.lots.map((lot) => ({
      cells: [String(lot.number), lot.title, formatEuros(lot.amountCents)],
    })),
  );

  layout.heading('Candidat groupé', 2);
  layout.table(
    FIELD_COLUMNS,
    [
      ['Forme du groupement', model.consortium.formLabel],
      ['Mandataire', `${model.mandataire.legalName} (${model.mandataire.identifier})`],
      [
        'Représentant du mandataire',
        `${model.mandataire.representative.name}, ${model.mandataire.particulars.representativeCapacity}, ${model.mandataire.representative.email}`,
      ],
      ['Nombre de membres', String(model.parties.length)],
    ].map((cells) => ({ cells })),
    false,
  );

  layout.heading('Membres du groupement', 2);
  layout.table(
    [
      { header: 'Membre', weight: 2 },
      { header: 'Forme juridique et identifiant', weight: 2 },
      { header: 'Catégorie et agrément', weight: 2.2 },
      { header: 'Adresse du siège', weight: 1.8 },
      { header: 'Représentant', weight: 1.6 },
    ],
    model.parties.map((party) => {
      const { legalForm, registeredAddress, approval, representativeCapacity } = party.particulars;
      return {
        cells: [
          party.isMandataire ? `${party.legalName} (mandataire)` : party.legalName,
          `${legalForm ?? `forme juridique ${TO_COMPLETE}`}\n${party.identifier}`,
          approval
            ? `${party.kindLabel}\n${approval.name} n° ${approval.number ?? TO_COMPLETE} (${approval.authority ?? `autorité ${TO_COMPLETE}`})`
            : party.kindLabel,
          registeredAddress ?? `${party.registeredOffice}, adresse ${TO_COMPLETE}`,
          `${party.representative.name}, ${representativeCapacity}`,
        ],
      };
    }),
  );

  layout.heading('Répartition des prestations par lot', 2);
  layout.table(
    [
      { header: 'Lot', weight: 0.5 },
      { header: 'Membre', weight: 2.2 },
      { header: 'Nature des prestations', weight: 2.6 },
      { header: 'Montant HT', weight: 1.3, align: 'right' },
      { header: 'Part', weight: 0.9, align: 'right' },
    ],
    model.lots.flatMap((lot) => [
      ...lot.shares.map((share) => ({
        cells: [
          String(lot.number),
          share.legalName,
          share.nature,
          formatEuros(share.amountCents),
          formatSharePercent(share.sharePermille),
        ],
      })),
      ...(lot.uncovered
        ? [
            {
              style: 'muted' as const,
              cells: [
                String(lot.number),
                'Part non couverte',
                '',
                formatEuros(lot.uncovered.amountCents),
                '',
              ],
            },
          ]
        : []),
      {
        style: 'total' as const,
        cells: [
          String(lot.number),
          `Total du lot ${lot.number}`,
          '',
          formatEuros(lot.amountCents),
          '',
        ],
      },
    ]),
  );
  return layout.finish();
}

/** One DC4 sheet: one subcontract or loan of workers declared to the buyer. */
export async function renderDc4Pdf(
  model: BidDocumentModel,
  subcontract: DocumentSubcontract,
): Promise<Buffer> {
  const layout = sheet(
    model,
    'DC4',
    'déclaration de sous-traitance',
    `Sous-traitance, lot ${subcontract.lot} : ${subcontract.subcontractor.legalName}`,
  );
  const lot = model.lots.find((candidate) => candidate.number === subcontract.lot);
  layout.heading('Sous-traitance déclarée', 2);
  layout.table(
    FIELD_COLUMNS,
    [
      ['Lot', lot ? CONVENTION_TEMPLATE.annexA.lotTitle(lot) : String(subcontract.lot)],
      [
        'Titulaire (membre du groupement)',
        `${subcontract.principal.legalName} (${subcontract.principal.identifier})`,
      ],
      [
        'Mandataire du groupement',
        `${model.mandataire.legalName} (${model.mandataire.identifier})`,
      ],
      ['Sous-traitant', subcontract.subcontractor.legalName],
      ['Identifiant du sous-traitant', subcontract.subcontractor.identifier],
      ['Catégorie du sous-traitant', subcontract.subcontractor.kindLabel],
      [
        'Siège du sous-traitant',
        subcontract.subcontractor.registeredAddress ??
          `${subcontract.subcontractor.registeredOffice}, adresse ${TO_COMPLETE}`,
      ],
      [
        'Représentant du sous-traitant',
        `${subcontract.subcontractor.representative.name}, ${subcontract.subcontractor.representative.capacity ?? `qualité ${TO_COMPLETE}`}, ${subcontract.subcontractor.representative.email}`,
      ],
      ['Type', SUBCONTRACT_KIND_LABELS[subcontract.kind]],
      ['Nature des prestations', subcontract.nature],
      [
        'Durée de la sous-traitance',
        subcontract.durationMonths === null
          ? `au plus la durée d’exécution du lot ${subcontract.lot}, à compter de l’acceptation du sous-traitant et de l’agrément de ses conditions de paiement par l’acheteur`
          : `${subcontract.durationMonths} mois au plus, dans la durée d’exécution du lot ${subcontract.lot}, à compter de l’acceptation du sous-traitant et de l’agrément de ses conditions de paiement par l’acheteur`,
      ],
      ['Montant maximal HT', formatEuros(subcontract.maxAmountCents)],
      [
        'TVA',
        subcontract.reverseCharge
          ? `autoliquidation : travaux de construction sous-traités, la TVA (${formatBasisPoints(subcontract.vatRateBasisPoints)}) est due par le titulaire (article 283, 2 nonies, du code général des impôts)`
          : `taux de ${formatBasisPoints(subcontract.vatRateBasisPoints)}`,
      ],
      ['Montant maximal TTC', formatEuros(subcontract.maxAmountInclVatCents)],
      [
        'Modalités de paiement',
        `${subcontract.directPayment ? 'paiement direct par l’acheteur' : 'paiement par le titulaire'}, dans le délai de ${model.settings.paymentTermDays} jours ; ${subcontract.kind === 'SOUS_TRAITANCE' ? 'le paiement direct est dû à partir de 600 € TTC (articles R2193-10 et suivants du Code de la commande publique)' : 'une mise à disposition de personnel n’ouvre pas droit au paiement direct'}`,
      ],
      ['Paiement direct', yesNo(subcontract.directPayment)],
    ].map((cells) => ({ cells })),
    false,
  );
  return layout.finish();
}
