import {
  type BidDocumentModel,
  CONTRACT_NATURE_LABELS,
  type ConventionLocale,
  type DocumentLot,
  type DocumentParty,
  type MembershipChange,
  PAYMENT_FLOW_LABELS,
  type Reservation,
  decisionRuleWording,
  formatCount,
  formatEuros,
  formatHours,
  formatPercentAtLeast,
} from '@cordage/domain';
import { TO_COMPLETE, formatBasisPoints, frenchDate, frenchDateTime } from './french-text.format';

/**
 * The clause texts of the convention de groupement, in French, as data: each clause is a title
 * and a function of the bid's document model returning its paragraphs. The renderer only lays
 * them out. The version is printed on the document, so that a signed convention can always be
 * traced back to the exact wording it was generated from; change the version with the wording.
 *
 * fr-FR follows the Code de la commande publique (groupement momentané d’entreprises, SIRET);
 * fr-BE the loi du 17 juin 2016 relative aux marchés publics (association momentanée, BCE).
 * A paragraph starting with "– " is a list item.
 */

/** What differs between France and Belgium: names of the consortium and legal references. */
export interface LegalFrame {
  /** "un groupement momentané d’entreprises", "une association momentanée" */
  aConsortium: string;
  /** "le groupement", "l’association momentanée" */
  theConsortium: string;
  /** "du groupement", "de l’association momentanée" */
  ofTheConsortium: string;
  /** "au groupement", "à l’association momentanée" */
  toTheConsortium: string;
  procurementLaw: string;
  consortiumRules: string;
  compositionFreeze: string;
  subcontractingRules: string;
  reservedRules: string;
  dataProtection: string;
  governingLaw: string;
  /** "un médiateur choisi d’un commun accord, dans les conditions des articles ..." */
  mediation: string;
  /** The court of the ordinary rules: no court is chosen in advance (see the disputes clause). */
  ordinaryCourt: string;
  /** The insolvency proceedings that would put the mandataire's account at risk. */
  insolvency: string;
  /** Where the consortium tells the buyer the accounts to pay: "l’acte d’engagement", "l’offre". */
  commitment: string;
  /** How invoices reach the buyer, and the time it has to pay. */
  electronicInvoicing: string;
  paymentTerm: (days: number) => string;
  /** Reverse charge of VAT on subcontracted construction work. */
  reverseCharge: string;
  /** The builders' compulsory ten-year liability insurance. */
  tenYearInsurance: string;
  /** The guarantees after acceptance of works, as the law of the country names them. */
  worksGuarantees: string[];
  /** The buyer's contract documents, in the order the tender usually gives them. */
  contractDocuments: string;
  /** A registered letter or its electronic equivalent. */
  registeredMail: string;
  /** Force majeure between the members, as the civil law of the country defines it. */
  forceMajeure: string;
  /** A change of circumstances that makes a member's performance excessively onerous. */
  hardship: string;
  /** What the public contract gives its holder for the same kind of event. */
  contractHardship: string;
  /** The guarantee held back on payments, and what may replace it. */
  retention: string;
  /** How a member gives the guarantee on its own part. */
  ownGuarantee: string;
  /** The modifications of the public contract during its term. */
  contractModifications: string;
  /** The final account of the contract with the buyer. */
  finalAccount: string;
}

const NBSP = '\u00a0';
const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;

export const LEGAL_FRAMES: Record<ConventionLocale, LegalFrame> = {
  'fr-FR': {
    aConsortium: 'un groupement momentané d’entreprises',
    theConsortium: 'le groupement',
    ofTheConsortium: 'du groupement',
    toTheConsortium: 'au groupement',
    procurementLaw: 'Code de la commande publique',
    consortiumRules: 'des articles R2142-19 à R2142-27 du Code de la commande publique',
    compositionFreeze: 'article R2142-26 du Code de la commande publique',
    subcontractingRules:
      'articles L2193-1 à L2193-14 et R2193-1 à R2193-22 du Code de la commande publique ; le sous-traitant est payé directement par l’acheteur à partir de 600 euros TTC (article R2193-10)',
    reservedRules: 'articles L2113-12 et L2113-13 du Code de la commande publique',
    dataProtection:
      'règlement (UE) 2016/679 du 27 avril 2016 (RGPD) et de la loi n°\u00a078-17 du 6 janvier 1978 relative à l’informatique, aux fichiers et aux libertés',
    governingLaw: 'droit français',
    mediation:
      'un médiateur choisi d’un commun accord, dans les conditions des articles 1530 et suivants du code de procédure civile',
    ordinaryCourt: 'la juridiction compétente selon les règles de droit commun',
    insolvency: 'une procédure de sauvegarde, de redressement ou de liquidation judiciaire',
    commitment: 'l’acte d’engagement',
    electronicInvoicing:
      'sous forme électronique, par le portail public de facturation (Chorus Pro), conformément aux articles L2192-1 à L2192-7 du Code de la commande publique',
    paymentTerm: (days) =>
      `L’acheteur paie dans le délai global de paiement de ${days}${NBSP}jours prévu par les documents du marché (articles R2192-10 à R2192-14 du Code de la commande publique) ; un retard ouvre droit aux intérêts moratoires et à l’indemnité forfaitaire pour frais de recouvrement, que chaque membre réclame pour ses propres factures.`,
    reverseCharge:
      'les travaux de construction qu’un membre sous-traite sont facturés hors taxe par le sous-traitant, la TVA étant due par le membre qui en est le preneur (autoliquidation, article 283, 2 nonies, du code général des impôts)',
    tenYearInsurance:
      'une assurance de responsabilité décennale couvrant les ouvrages qu’il réalise (articles L241-1 et suivants du code des assurances), dont l’attestation, nominative et conforme à l’annexe de l’article A243-1 du même code, est remise au mandataire avant le commencement des travaux',
    worksGuarantees: [
      'la garantie de parfait achèvement, pendant un an à compter de la réception (article 1792-6 du code civil) : le membre répare les désordres signalés par l’acheteur, qu’ils aient fait l’objet de réserves à la réception ou qu’ils soient apparus depuis ;',
      'la garantie de bon fonctionnement des éléments d’équipement dissociables, pendant deux ans au moins (article 1792-3 du code civil) ;',
      'la responsabilité décennale, pendant dix ans, pour les dommages qui compromettent la solidité de l’ouvrage ou le rendent impropre à sa destination (articles 1792 et 1792-4-1 du code civil).',
    ],
    contractDocuments:
      'l’acte d’engagement, le cahier des clauses administratives particulières, le cahier des clauses techniques particulières, le cahier des clauses administratives générales auquel ils renvoient et l’offre',
    registeredMail:
      'lettre recommandée avec demande d’avis de réception ou envoi recommandé électronique',
    forceMajeure:
      'un événement échappant au contrôle du membre, qui ne pouvait être raisonnablement prévu lors de la signature de la présente convention et dont les effets ne peuvent être évités par des mesures appropriées (article 1218 du code civil)',
    hardship:
      'Si un changement de circonstances imprévisible lors de la signature de la présente convention rend l’exécution de ses obligations envers les autres membres excessivement onéreuse pour un membre qui n’avait pas accepté d’en assumer le risque, ce membre peut demander aux autres une renégociation de la convention ; il continue d’exécuter ses obligations pendant la renégociation. En cas de refus ou d’échec de celle-ci, les membres peuvent convenir de la résolution de la convention à la date et aux conditions qu’ils déterminent, ou demander d’un commun accord au juge de procéder à son adaptation ; à défaut d’accord dans un délai raisonnable, le juge peut, à la demande d’un membre, réviser la convention ou y mettre fin (article 1195 du code civil).',
    contractHardship:
      'Envers l’acheteur, un événement imprévisible qui bouleverse temporairement l’équilibre économique du marché ouvre droit, pour le titulaire qui poursuit l’exécution, à une indemnité d’imprévision (article L6 du Code de la commande publique) ; le marché peut aussi être modifié dans les cas prévus aux articles R2194-1 à R2194-9 du même code',
    retention: `la retenue de garantie que prévoient les documents du marché (articles R2191-32 et suivants du Code de la commande publique), au plus 5${NBSP}% du montant initial du marché augmenté de ses modifications, qui peut être remplacée par une garantie à première demande ou, si l’acheteur ne s’y oppose pas, par une caution personnelle et solidaire`,
    ownGuarantee:
      'il peut substituer à la retenue opérée sur ses propres paiements une garantie à première demande émise pour sa seule part par un établissement de crédit, qu’il remet au mandataire pour transmission à l’acheteur',
    contractModifications:
      'les modifications du marché admises par les articles L2194-1 et R2194-1 à R2194-9 du Code de la commande publique et par les documents du marché',
    finalAccount: 'le décompte général et définitif du marché',
  },
  'fr-BE': {
    aConsortium: 'une association momentanée',
    theConsortium: 'l’association momentanée',
    ofTheConsortium: 'de l’association momentanée',
    toTheConsortium: 'à l’association momentanée',
    procurementLaw: 'loi du 17 juin 2016 relative aux marchés publics',
    consortiumRules:
      'de la loi du 17 juin 2016 relative aux marchés publics et de l’arrêté royal du 18 avril 2017 relatif à la passation des marchés publics dans les secteurs classiques',
    compositionFreeze:
      'loi du 17 juin 2016 relative aux marchés publics et arrêté royal du 18 avril 2017 relatif à la passation des marchés publics dans les secteurs classiques',
    subcontractingRules:
      'articles 12 à 12/4 de l’arrêté royal du 14 janvier 2013 établissant les règles générales d’exécution des marchés publics',
    reservedRules: 'article 15 de la loi du 17 juin 2016 relative aux marchés publics',
    dataProtection:
      'règlement (UE) 2016/679 du 27 avril 2016 (RGPD) et de la loi du 30 juillet 2018 relative à la protection des personnes physiques à l’égard des traitements de données à caractère personnel',
    governingLaw: 'droit belge',
    mediation:
      'un médiateur agréé choisi d’un commun accord, dans les conditions des articles 1723/1 et suivants du Code judiciaire',
    ordinaryCourt: 'la juridiction compétente selon les règles du Code judiciaire',
    insolvency: 'une procédure de réorganisation judiciaire ou de faillite',
    commitment: 'l’offre',
    electronicInvoicing:
      'sous forme électronique lorsque l’acheteur l’exige, par la plateforme Mercurius ou le canal qu’indiquent les documents du marché',
    paymentTerm: (days) =>
      `L’acheteur paie dans le délai de ${days}${NBSP}jours prévu par les documents du marché et par l’arrêté royal du 14 janvier 2013 établissant les règles générales d’exécution des marchés publics ; un retard ouvre droit aux intérêts de retard que chaque membre réclame pour ses propres factures.`,
    reverseCharge:
      'les travaux immobiliers qu’un membre sous-traite sont facturés sans TVA par le sous-traitant, la TVA étant acquittée par le membre cocontractant (régime du cocontractant, article 20 de l’arrêté royal n°\u00a01 du 29 décembre 1992 relatif aux mesures tendant à assurer le paiement de la taxe sur la valeur ajoutée)',
    tenYearInsurance:
      'l’assurance de responsabilité civile décennale imposée par la loi du 31 mai 2019 relative à l’assurance obligatoire de la responsabilité civile décennale des entrepreneurs, architectes et autres prestataires du secteur de la construction de travaux immobiliers, lorsque les travaux y sont soumis, dont l’attestation est remise au mandataire avant le commencement des travaux',
    worksGuarantees: [
      'le délai de garantie qui court de la réception provisoire à la réception définitive, fixé par les documents du marché et l’arrêté royal du 14 janvier 2013 : le membre remédie aux défauts constatés sur ses ouvrages ;',
      'la responsabilité décennale, pendant dix ans à compter de la réception, pour les vices qui mettent en péril la solidité de l’ouvrage (articles 1792 et 2270 de l’ancien Code civil).',
    ],
    contractDocuments:
      'le cahier spécial des charges, ses annexes, les règles générales d’exécution de l’arrêté royal du 14 janvier 2013 auxquelles il renvoie et l’offre',
    registeredMail: 'envoi recommandé ou envoi recommandé électronique',
    forceMajeure:
      'un événement que le membre ne pouvait prévoir lors de la signature de la présente convention, qui échappe à son contrôle et qui rend l’exécution de ses obligations impossible, sans faute de sa part (livre 5 du Code civil)',
    hardship:
      'Si un changement de circonstances imprévisible lors de la signature de la présente convention, et dont aucun membre n’avait accepté le risque, rend l’exécution de ses obligations envers les autres membres excessivement onéreuse pour un membre, au point qu’on ne puisse raisonnablement l’exiger, ce membre peut demander aux autres de renégocier la convention ; il continue d’exécuter ses obligations pendant la renégociation. En cas de refus ou d’échec de celle-ci dans un délai raisonnable, le juge peut, à la demande d’un membre, adapter la convention ou y mettre fin (article 5.74 du Code civil).',
    contractHardship:
      'Envers l’adjudicateur, des circonstances imprévisibles qui causent au titulaire un préjudice très important ouvrent droit à la révision du marché ou à une indemnisation dans les conditions des règles générales d’exécution (arrêté royal du 14 janvier 2013 établissant les règles générales d’exécution des marchés publics)',
    retention:
      'le cautionnement que prévoient les documents du marché (articles 25 à 33 de l’arrêté royal du 14 janvier 2013 établissant les règles générales d’exécution des marchés publics), qui peut être constitué en numéraire, en fonds publics, sous forme de cautionnement collectif ou par une garantie d’un établissement de crédit ou d’une entreprise d’assurances',
    ownGuarantee:
      'il constitue le cautionnement afférent à sa part, ou sa quote-part du cautionnement que le mandataire constitue pour l’ensemble des membres, et en justifie au mandataire dans le délai que fixent les documents du marché',
    contractModifications:
      'les modifications du marché admises par les articles 37 et suivants de l’arrêté royal du 14 janvier 2013 établissant les règles générales d’exécution des marchés publics et par les documents du marché',
    finalAccount: 'le décompte final du marché',
  },
};

export interface ClauseTemplate {
  key: string;
  title: string;
  body: (model: BidDocumentModel, law: LegalFrame) => string[];
}

function reservedMention(reserved: Reservation, locale: ConventionLocale, law: LegalFrame): string {
  const belgian = locale === 'fr-BE';
  const disabled = belgian
    ? 'entreprises de travail adapté'
    : 'entreprises adaptées et établissements et services d’aide par le travail';
  const insertion = belgian
    ? 'entreprises d’économie sociale d’insertion'
    : 'structures d’insertion par l’activité économique';
  switch (reserved) {
    case 'NONE':
      return 'Le marché n’est pas réservé.';
    case 'L2113_12':
      return `Le marché est réservé aux ${disabled} (${law.reservedRules}).`;
    case 'L2113_13':
      return `Le marché est réservé aux ${insertion} (${law.reservedRules}).`;
    case 'L2113_12_13':
      return `Le marché est réservé aux ${disabled} et aux ${insertion} (${law.reservedRules}).`;
  }
}

function formClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const form = model.consortium.form;
  const liability =
    form === 'CONJOINT'
      ? 'Chaque membre n’est engagé que pour la part des prestations qui lui est attribuée à l’annexe A ; il n’est pas tenu de l’exécution des prestations des autres membres.'
      : form === 'CONJOINT_MANDATAIRE_SOLIDAIRE'
        ? `Chaque membre n’est engagé que pour sa part des prestations (annexe A) ; le mandataire est en outre solidaire de chacun des membres ${law.ofTheConsortium} pour ses obligations contractuelles à l’égard de l’acheteur.`
        : 'Chaque membre est engagé financièrement pour la totalité du marché et doit pallier une éventuelle défaillance de ses partenaires ; entre eux, les membres se répartissent la charge de cette solidarité à proportion de leurs parts (annexe A).';
  return [
    `Les membres constituent ${law.aConsortium}, sous la forme ${quote(model.consortium.formLabel)}, dans le respect ${law.consortiumRules}.`,
    liability,
    `${capitalise(law.theConsortium)} n’a pas la personnalité morale. Les membres n’entendent constituer entre eux ni société, ni société en participation, ni association : il n’existe entre eux aucune affectio societatis, aucun apport ni partage de bénéfices ou de pertes ; chacun reste seul maître de sa gestion, de son personnel et de ses moyens.`,
  ];
}

/** "12 salariés"; a staff the network has not entered is to be completed, never printed as 0. */
function staffText(employees: number | null): string {
  if (employees === null) return `un effectif ${TO_COMPLETE}`;
  return `${formatCount(employees)}${NBSP}salarié${employees > 1 ? 's' : ''}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function mandataireFee(model: BidDocumentModel): string {
  const basisPoints = model.settings.mandataireFeeBasisPoints;
  if (basisPoints === 0) {
    return 'Rémunération du mandataire : aucune. Le mandataire exerce sa mission à titre gratuit ; ses frais de coordination restent à sa charge.';
  }
  const fee = Math.round((model.totals.amountCents * basisPoints) / 10_000);
  // Paid directly, a member pays the fee itself; on the single account, the mandataire keeps it.
  const collected =
    model.settings.paymentFlow === 'DIRECT'
      ? 'facturés par le mandataire à chaque membre après chaque paiement que celui-ci reçoit de l’acheteur'
      : 'retenus par le mandataire sur chaque somme qu’il reverse à un membre';
  return `Rémunération du mandataire : ${formatBasisPoints(basisPoints)} du montant hors taxes des prestations de chaque membre, soit ${formatEuros(fee)} HT pour le montant total du marché, ${collected}, et justifiés par un relevé annuel.`;
}

/**
 * Direct payment of each member is the default, the usual rule of a groupement conjoint. The single
 * account is the members' choice, and the clause says plainly what it costs them: the buyer's
 * money passes through the mandataire, whose insolvency would put it at risk.
 */
/**
 * The work the agreed version leaves to no member, lot by lot, and who answers for it: the rule
 * the members chose (convention settings), so that no one signs without knowing it.
 */
function uncoveredPartClause(model: BidDocumentModel): string[] {
  const open = model.lots.flatMap((lot) => (lot.uncovered ? [{ lot, part: lot.uncovered }] : []));
  if (open.length === 0) {
    return ['Toutes les heures demandées par l’acheteur sont confiées à un membre.'];
  }
  const parts = open.map(({ lot, part }) => {
    const insertion =
      part.insertionHours > 0 ? `, dont ${formatHours(part.insertionHours)} d’insertion` : '';
    return `lot ${lot.number} : ${formatHours(part.hours)} pour ${formatEuros(part.amountCents)} HT${insertion}`;
  });
  const rule = {
    MANDATAIRE:
      'Le mandataire en répond envers l’acheteur : il l’exécute ou la fait exécuter sous sa responsabilité, et en perçoit le prix ; les autres membres n’en répondent pas au-delà de leur propre part.',
    VOLUNTEERS:
      'Elle est confiée aux membres qui se portent volontaires, par une décision du comité de pilotage consignée dans un avenant à l’annexe A avant le début de son exécution ; aucun membre n’en répond sans y avoir consenti. Tant qu’elle n’est pas confiée, le mandataire en répond envers l’acheteur.',
    COVERED_PART_ONLY:
      'L’offre du groupement ne porte que sur la part couverte, les documents de la consultation admettant une offre partielle : le mandataire le précise dans l’offre, et aucun membre ne s’engage sur la part non couverte.',
  }[model.settings.uncoveredWorkRule];
  return [
    `Une part des prestations n’est confiée à aucun membre (annexe A, « Part non couverte ») : ${parts.join(' ; ')}. ${rule}`,
  ];
}

function paymentClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const { paymentFlow, redistributionDays } = model.settings;
  const flow = `Mode de paiement retenu : ${PAYMENT_FLOW_LABELS[paymentFlow]}.`;
  const prices =
    'Les prix sont ceux de l’offre ; la répartition des montants entre les membres est celle de l’annexe A, dans la limite des prestations réellement exécutées.';
  switch (paymentFlow) {
    case 'DIRECT':
      return [
        flow,
        `L’acheteur paie directement chaque membre, sur le compte que celui-ci a désigné dans ${law.commitment}, pour les prestations qu’il a exécutées.`,
        `Chaque membre établit ses propres demandes de paiement pour sa part des prestations. Le mandataire les vise avant leur transmission à l’acheteur et tient les autres membres informés des paiements ${law.ofTheConsortium}.`,
        prices,
      ];
    case 'MANDATAIRE_ACCOUNT':
      return [
        flow,
        `L’acheteur paie l’ensemble des prestations ${law.ofTheConsortium} sur un compte unique ouvert au nom du mandataire. Ce mode de paiement déroge au paiement direct de chaque membre : il requiert l’accord de chacun des membres, que chacun donne en signant la présente convention, et il est indiqué à l’acheteur dans ${law.commitment}.`,
        model.consortium.form === 'SOLIDAIRE'
          ? 'Le mandataire présente à l’acheteur les demandes de paiement, établies à partir des relevés des prestations exécutées par chaque membre.'
          : `${capitalise(law.theConsortium)} étant conjoint${model.locale === 'fr-BE' ? 'e' : ''}, chaque membre continue d’établir ses propres demandes de paiement pour la part des prestations qu’il a exécutée ; le mandataire les présente à l’acheteur.`,
        `Le mandataire reverse à chaque membre la part qui lui revient dans un délai de ${redistributionDays}${NBSP}jours à compter de la réception des fonds, accompagnée d’un relevé détaillé. Tout membre peut consulter à tout moment les relevés du compte.`,
        `Les membres sont avertis que, jusqu’à ce reversement, les sommes qui leur reviennent dépendent de la solvabilité du mandataire : si ${law.insolvency} est ouverte à son égard, un membre qui n’a pas encore reçu sa part risque de n’être qu’un créancier du mandataire parmi d’autres et de ne pas la recouvrer en totalité.`,
        prices,
      ];
  }
}

/** Each member invoices its own part; what works add (reverse charge) is said where it applies. */
function invoicingClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const { contractNature, vatRateBasisPoints, paymentTermDays, paymentFlow } = model.settings;
  const works = contractNature === 'WORKS';
  return [
    `Le marché est un ${CONTRACT_NATURE_LABELS[contractNature]} ; ses prix sont soumis à la TVA au taux de ${formatBasisPoints(vatRateBasisPoints)}, sauf disposition fiscale contraire.`,
    `Chaque membre facture en son nom les seules prestations qu’il a exécutées, dans la limite de sa part à l’annexe A. Ses factures rappellent la référence du marché, le lot, la désignation ${law.ofTheConsortium} et celle du mandataire ; elles sont transmises ${law.electronicInvoicing}${paymentFlow === 'DIRECT' ? ', après visa du mandataire' : ', par l’intermédiaire du mandataire'}.`,
    law.paymentTerm(paymentTermDays),
    ...(works
      ? [
          `En cas de sous-traitance, ${law.reverseCharge} ; la déclaration de sous-traitance (annexe B) le mentionne.`,
        ]
      : []),
  ];
}

/** The civil liability of every member; the ten-year cover where the contract is for works. */
function insuranceClause(model: BidDocumentModel, law: LegalFrame): string[] {
  return [
    'Chaque membre souscrit et maintient, pendant toute la durée du marché, une assurance de responsabilité civile professionnelle couvrant les dommages causés à l’acheteur, aux autres membres et aux tiers par ses prestations. Il en remet l’attestation au mandataire à la signature de la présente convention, puis chaque année.',
    ...(model.settings.contractNature === 'WORKS'
      ? [
          `Le marché portant sur des travaux, chaque membre qui réalise des ouvrages justifie en outre de ${law.tenYearInsurance}.`,
        ]
      : []),
    'Un membre dont l’assurance est résiliée ou suspendue en informe sans délai le mandataire ; aucun membre ne répond de l’absence d’assurance d’un autre.',
  ];
}

/** Works carry legal guarantees after acceptance; other contracts, those of the documents. */
function guaranteesClause(model: BidDocumentModel, law: LegalFrame): string[] {
  if (model.settings.contractNature !== 'WORKS') {
    return [
      'Les garanties dues après la réception ou l’admission des prestations sont celles que prévoient les documents du marché. Chaque membre répond seul de celles qui portent sur ses propres prestations, y compris après la fin de la présente convention.',
    ];
  }
  return [
    'Chaque membre répond, pour les ouvrages qu’il a réalisés, des garanties dues après la réception des travaux :',
    ...law.worksGuarantees.map((guarantee) => `– ${guarantee}`),
    'Ces garanties survivent à la fin de la présente convention. Le mandataire coordonne la levée des réserves et transmet à chaque membre concerné les désordres que l’acheteur signale ; une retenue de garantie ou une garantie à première demande porte sur la part de chaque membre.',
  ];
}

/**
 * Who pays what the members spend for one another: the common expenses of the consortium and,
 * for works, the site's shared costs (compte prorata), in proportion to each member's amount.
 */
function commonCostsClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const works = model.settings.contractNature === 'WORKS';
  const mandataireAnswers =
    model.consortium.form === 'CONJOINT'
      ? ''
      : ` Lorsque le mandataire ou un membre solidaire acquitte envers l’acheteur ou un tiers une dépense qui incombe à un autre membre, celui-ci la lui rembourse dans le même délai.`;
  return [
    `Chaque membre supporte seul les frais de ses propres prestations (personnel, encadrement, matériel, déplacements, sous-traitants) ; les frais de coordination du mandataire ${model.settings.mandataireFeeBasisPoints === 0 ? 'restent à sa charge, sa mission étant gratuite' : 'sont couverts par sa rémunération'}.`,
    `Les dépenses engagées dans l’intérêt commun ${law.ofTheConsortium} (documents et reproductions demandés par l’acheteur, constats, expertises, assurances ou équipements communs que les documents du marché exigent) ne sont engagées qu’après accord du comité de pilotage, qui en fixe le montant maximal. Le membre qui les avance en présente un relevé accompagné des justificatifs ; elles sont réparties entre les membres à proportion du montant hors taxes de leurs prestations à l’annexe A, sauf lorsqu’elles sont imputables à un seul membre, qui les supporte alors seul. Chaque membre paie sa part dans les trente jours suivant la réception du relevé.${mandataireAnswers}`,
    ...(works
      ? [
          'Les dépenses d’intérêt commun du chantier (installations communes, consommations d’eau et d’électricité, nettoyage, gardiennage) sont supportées selon le compte prorata que prévoient les documents du marché ; à défaut, le comité de pilotage arrête avant le début des travaux la liste de ces dépenses et le membre qui les gère. Chaque membre y contribue à proportion du montant hors taxes de ses travaux à l’annexe A, sans préjudice des dépenses qu’il a seul provoquées, qu’il supporte seul.',
        ]
      : []),
  ];
}

/** The tender's costs: each member's own, won or lost; common ones shared, and any prize too. */
function tenderCostsClause(_model: BidDocumentModel, law: LegalFrame): string[] {
  return [
    'Chaque membre supporte seul les frais qu’il engage pour la préparation de la candidature et de l’offre (temps passé, études, visites, déplacements), que le marché soit attribué ou non ; aucun membre ne peut en demander le remboursement aux autres.',
    `Les frais communs de préparation de l’offre décidés par le comité de pilotage (reproductions, échantillons, traductions, prestations extérieures) sont répartis entre les membres à proportion du montant hors taxes de leurs prestations à l’annexe A, que le marché soit attribué ${law.toTheConsortium} ou non. La prime ou l’indemnité que l’acheteur verse le cas échéant aux candidats est répartie selon la même proportion.`,
    'Le membre qui se retire avant la remise des offres supporte sa part des frais communs engagés jusqu’à la date d’effet de son retrait.',
  ];
}

/** Work added, removed or changed by the buyer during the contract: who does it and for what. */
function modificationsClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const works = model.settings.contractNature === 'WORKS';
  return [
    `Les travaux ou prestations supplémentaires ou modificatifs, et les autres modifications du marché, sont ceux que l’acheteur décide dans le respect des ${law.contractModifications}. Aucun membre ne les exécute sans ${works ? 'ordre de service ou ' : ''}décision écrite de l’acheteur transmise par le mandataire ; à défaut, il en supporte seul le coût.`,
    'Une prestation supplémentaire ou modifiée est confiée au membre qui exécute les prestations auxquelles elle se rattache, sur le même lot et le même territoire ; si elle se rattache aux prestations de plusieurs membres, elle est répartie entre eux à proportion de leurs parts du lot à l’annexe A. Aucun membre n’est tenu d’en exécuter au-delà de la capacité qu’il a déclarée sans y avoir consenti ; ce qu’il refuse est proposé aux autres membres par le comité de pilotage.',
    'Une diminution des prestations réduit la part de chaque membre concerné dans la même proportion, sauf accord contraire des membres de ce lot.',
    'Le prix d’une prestation supplémentaire ou modifiée revient au membre qui l’exécute. Le comité de pilotage consigne la nouvelle répartition dans un avenant à l’annexe A lorsque les parts des membres changent.',
  ];
}

/** Retention money or its Belgian equivalent, borne per member; what a solidary member pays back. */
function financialGuaranteesClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const recourse =
    model.consortium.form === 'CONJOINT'
      ? ''
      : ' Lorsqu’une garantie constituée par le mandataire ou par un autre membre est appelée en raison des prestations d’un membre, ce membre rembourse à celui qui l’a constituée les sommes appelées et les frais qu’il a supportés, dans les trente jours de sa demande.';
  return [
    `Les garanties financières du marché, en particulier ${law.retention}, portent sur la part de chaque membre, à proportion du montant de ses prestations.`,
    `Chaque membre constitue et supporte seul, à ses frais, la garantie qui porte sur sa part : ${law.ownGuarantee}.${recourse}`,
    'L’avance éventuellement versée à un membre est garantie comme l’exigent les documents du marché, par ce seul membre. Le mandataire demande la libération de chaque garantie à l’échéance prévue et la restitue au membre concerné dès qu’il l’a obtenue.',
  ];
}

/** Force majeure and hardship between the members, and what the contract gives toward the buyer. */
function forceMajeureClause(model: BidDocumentModel, law: LegalFrame): string[] {
  return [
    `Aucun membre n’est responsable envers les autres de l’inexécution de ses obligations causée par un cas de force majeure, entendu comme ${law.forceMajeure}.`,
    'Le membre empêché en informe sans délai le mandataire et les autres membres, par écrit, en indiquant la durée prévisible de l’empêchement. Le mandataire en saisit l’acheteur dans les conditions des documents du marché. Si l’empêchement est temporaire, l’exécution des obligations concernées est suspendue ; s’il est définitif ou dure plus de trois mois, le comité de pilotage répartit les prestations du membre empêché entre les autres membres volontaires, ou propose un remplaçant à l’acheteur, sans que des dommages et intérêts soient dus.',
    law.hardship,
    `${law.contractHardship} : le mandataire présente à l’acheteur, après accord des membres concernés, les demandes qu’ils justifient ; les sommes obtenues reviennent aux membres qui ont supporté les charges correspondantes, à proportion de celles-ci.`,
    {
      SOLIDAIRE:
        'La force majeure qui empêche un membre ne libère pas les autres de leur engagement solidaire envers l’acheteur, sauf si elle les empêche aussi.',
      CONJOINT_MANDATAIRE_SOLIDAIRE:
        'La force majeure qui empêche un membre n’oblige pas les autres membres à exécuter ses prestations, sauf accord de leur part ; le mandataire reste tenu envers l’acheteur dans les limites de sa solidarité, avec recours contre le membre empêché pour les sommes que celui-ci aurait reçues au titre de prestations non exécutées.',
      CONJOINT:
        'La force majeure qui empêche un membre n’oblige pas les autres à exécuter ses prestations, sauf accord de leur part.',
    }[model.consortium.form],
  ];
}

/** The last account: with the buyer through the mandataire, then between the members. */
function finalSettlementClause(model: BidDocumentModel, law: LegalFrame): string[] {
  const account =
    model.settings.paymentFlow === 'MANDATAIRE_ACCOUNT' ? ', le solde du compte unique' : '';
  return [
    `Chaque membre remet au mandataire, dans le mois qui suit l’achèvement de ses prestations, l’état final des prestations qu’il a exécutées et des sommes qu’il estime lui être dues. Le mandataire établit à partir de ces états le projet de décompte final ${law.ofTheConsortium} et le soumet à chaque membre pour la part qui le concerne avant de le transmettre à l’acheteur.`,
    `Le mandataire transmet sans délai à chaque membre ${law.finalAccount} que notifie l’acheteur. Chaque membre lui fait connaître ses observations ou ses réclamations dans les quinze jours, de sorte que le mandataire puisse formuler les réserves ou réclamations des membres dans le délai que fixent les documents du marché ; à défaut, le membre est réputé l’accepter pour sa part.`,
    `Dans les deux mois qui suivent le paiement du solde du marché, le mandataire établit le compte définitif entre les membres : dépenses communes et compte prorata, frais communs de l’offre, rémunération du mandataire, pénalités et garanties appelées imputées à chacun${account}. Ce compte est approuvé par le comité de pilotage ; les soldes sont payés dans les trente jours de son approbation. Il met fin aux obligations financières des membres entre eux, sauf pour les garanties dues après la réception ou l’admission des prestations.`,
  ];
}

/**
 * Leaving before the submission deadline, with the notice chosen: the notice is checked to run out
 * by the deadline (conventionSettingsProblems), so the right it grants can be used.
 */
function exitBeforeDeadline(model: BidDocumentModel, law: LegalFrame): string {
  const days = model.settings.exitNoticeDays;
  const notice =
    days === 0
      ? 'en en informant les autres membres par écrit, sans préavis'
      : `en prévenant les autres membres par écrit au moins ${days}${NBSP}jour${days > 1 ? 's' : ''} à l’avance`;
  return `Un membre peut se retirer ${law.ofTheConsortium} avant la date limite de remise des offres ${notice}, de sorte que son retrait prenne effet au plus tard à cette date.`;
}

/** The clauses after the parties, in the order of the convention. */
export const CONVENTION_CLAUSES: ClauseTemplate[] = [
  {
    key: 'preamble',
    title: 'Préambule et objet',
    body: (model, law) => [
      `${model.tender.buyer.name} (${model.tender.buyer.identifier}), ci-après ${quote('l’acheteur')}, a lancé la consultation ${quote(model.tender.title)}, référence ${model.tender.reference}, dont les offres doivent être remises au plus tard le ${frenchDateTime(model.tender.deadline, model.timeZone)}.`,
      `La présente convention a pour objet d’organiser les relations entre les membres, qui s’associent pour répondre ensemble à cette consultation puis pour exécuter le marché s’il leur est attribué, pour les lots suivants :`,
      ...model.lots.map(
        (lot) => `– lot ${lot.number} : ${lot.title}, ${formatEuros(lot.amountCents)} HT`,
      ),
      reservedMention(model.tender.reserved, model.locale, law),
      `Les membres sont des structures de l’économie sociale et solidaire. Ils coopèrent dans la transparence : chacun connaît la répartition des prestations, la manière dont elle a été calculée et l’historique de ses modifications. La répartition protège les petites structures, qu’aucun membre ne doit évincer.`,
    ],
  },
  { key: 'form', title: 'Forme du groupement', body: formClause },
  {
    key: 'mandataire',
    title: 'Mandataire : pouvoirs et rémunération',
    body: (model, law) => [
      `Les membres désignent ${model.mandataire.legalName} (${model.mandataire.identifier}) comme mandataire ${law.ofTheConsortium}. Le mandataire ne peut être mandataire d’un autre groupement pour la même consultation.`,
      'Les membres lui donnent mandat :',
      `– de présenter l’offre ${law.ofTheConsortium} et de signer, en leur nom, les documents de la candidature et de l’offre ;`,
      '– de les représenter auprès de l’acheteur pour l’exécution du marché et de coordonner les prestations des membres ;',
      '– de recevoir les notifications, ordres de service et correspondances de l’acheteur et de les transmettre sans délai aux membres concernés ;',
      '– de présenter les demandes de paiement et les éventuelles réclamations, après accord des membres concernés.',
      'Le mandataire ne peut, sans l’accord du comité de pilotage, modifier la répartition des prestations, accepter une modification du marché ou renoncer à un droit d’un membre.',
      mandataireFee(model),
    ],
  },
  {
    key: 'governance',
    title: 'Gouvernance',
    body: (model, law) => {
      const { steeringMeetingsPerYear, quorumPercent } = model.settings;
      return [
        `Un comité de pilotage réunit un représentant de chaque membre ; le mandataire le convoque et l’anime. Il se réunit au moins ${steeringMeetingsPerYear}${NBSP}fois par an, et à la demande de tout membre.`,
        `Il délibère valablement lorsque ${quorumPercent}${NBSP}% au moins des membres sont présents ou représentés. Il décide selon la règle suivante : ${decisionRuleWording(model.settings)}.`,
        `Il arrête et modifie la répartition des prestations, suit l’exécution, les heures d’insertion et les paiements, et se prononce sur l’exclusion, le remplacement ou l’admission d’un membre. Ses décisions sont consignées dans un relevé communiqué à tous les membres ${law.ofTheConsortium}.`,
      ];
    },
  },
  {
    key: 'split',
    title: 'Répartition des prestations',
    body: (model) => [
      `La répartition des prestations entre les membres, par lot, figure à l’annexe A : pour chaque membre, les territoires où il intervient, la nature des prestations, les heures, le montant hors taxes, sa part et ses heures d’insertion. Elle correspond à la version ${model.allocation.versionNumber} de la répartition, calculée le ${frenchDate(model.allocation.computedAt, model.timeZone)}.`,
      `Le montant total des lots est de ${formatEuros(model.totals.amountCents)} HT, dont ${formatEuros(model.totals.allocatedCents)} HT attribués aux membres.`,
      ...uncoveredPartClause(model),
      'Les sous-traitances et mises à disposition de personnel déclarées figurent à l’annexe B. Chaque membre reste responsable envers les autres des prestations qu’il confie à un sous-traitant.',
    ],
  },
  { key: 'payment', title: 'Prix et flux de paiement', body: paymentClause },
  { key: 'invoicing', title: 'Facturation', body: invoicingClause },
  {
    key: 'commonCosts',
    title: 'Dépenses communes et compte prorata',
    body: commonCostsClause,
  },
  { key: 'tenderCosts', title: 'Frais de préparation de l’offre', body: tenderCostsClause },
  {
    key: 'modifications',
    title: 'Prestations supplémentaires et modifications du marché',
    body: modificationsClause,
  },
  {
    key: 'insertion',
    title: 'Engagements d’insertion et suivi',
    body: (model) => [
      `Les membres s’engagent à réaliser ensemble au moins ${formatHours(model.totals.insertionHours)} d’insertion, réparties entre eux selon l’annexe A, par l’embauche directe, la mise à disposition de salariés par une AI, une ETTI ou un GEIQ, ou la cotraitance et la sous-traitance avec des structures d’insertion ou du handicap.`,
      'Chaque membre transmet au mandataire, chaque trimestre, l’état de ses heures réalisées, du chiffre d’affaires facturé et des heures d’insertion, afin de comparer ce que chacun devait faire avec ce qu’il a fait. Le comité de pilotage corrige les écarts constatés.',
    ],
  },
  {
    key: 'liability',
    title: 'Responsabilité et pénalités',
    body: () => [
      'Chaque membre est responsable de la bonne exécution de ses prestations et des dommages qu’il cause. Les pénalités appliquées par l’acheteur sont supportées par le membre dont les prestations les ont provoquées ; à défaut de pouvoir l’identifier, par les membres concernés à proportion de leurs parts.',
    ],
  },
  { key: 'insurance', title: 'Assurances', body: insuranceClause },
  {
    key: 'financialGuarantees',
    title: 'Retenue de garantie et garanties financières',
    body: financialGuaranteesClause,
  },
  { key: 'guarantees', title: 'Garanties après réception', body: guaranteesClause },
  { key: 'forceMajeure', title: 'Force majeure et imprévision', body: forceMajeureClause },
  {
    key: 'default',
    title: 'Défaillance d’un membre',
    body: (model, law) => [
      'Un membre qui n’exécute pas ses prestations est mis en demeure par le mandataire. Faute de régularisation dans un délai de quinze jours, le comité de pilotage répartit ses prestations entre les autres membres, ou propose à l’acheteur un remplaçant, sans préjudice des dommages et intérêts dus par le membre défaillant.',
      model.consortium.form === 'CONJOINT'
        ? 'Les autres membres ne sont pas tenus de se substituer au membre défaillant, sauf accord de leur part.'
        : `La solidarité prévue par la forme ${law.ofTheConsortium} s’exerce sans préjudice du recours des autres membres contre le membre défaillant.`,
    ],
  },
  {
    key: 'exit',
    title: 'Retrait d’un membre',
    body: (model, law) => [
      exitBeforeDeadline(model, law),
      `Après la remise des offres, un membre ne peut se retirer que dans les cas admis par la réglementation (${law.compositionFreeze}), après accord du comité de pilotage et de l’acheteur.`,
    ],
  },
  {
    key: 'exclusion',
    title: 'Exclusion et remplacement d’un membre',
    body: () => [
      'Le comité de pilotage peut exclure un membre qui manque gravement à ses obligations, après l’avoir entendu. Le membre concerné ne prend pas part au vote.',
      'Le membre exclu ou défaillant est remplacé par un membre présentant des capacités au moins équivalentes, avec l’accord de l’acheteur lorsque le marché est en cours d’exécution.',
    ],
  },
  {
    key: 'admission',
    title: 'Admission d’un nouveau membre',
    body: (model, law) => [
      `Avant la date limite de remise des candidatures, le comité de pilotage peut admettre un nouveau membre, qui adhère à la présente convention par un avenant signé de tous.`,
      `À compter de cette date (${frenchDateTime(model.tender.deadline, model.timeZone)}) et jusqu’à l’attribution du marché, la composition ${law.ofTheConsortium} est figée (${law.compositionFreeze}) : elle ne peut être modifiée qu’en cas d’opération de restructuration d’un membre ou lorsqu’un membre se trouve dans l’impossibilité d’exécuter ses prestations, avec l’accord de l’acheteur.`,
    ],
  },
  {
    key: 'finalSettlement',
    title: 'Décompte final et comptes entre les membres',
    body: finalSettlementClause,
  },
  {
    key: 'duration',
    title: 'Durée',
    body: (_model, law) => [
      'La présente convention prend effet à sa signature par tous les membres. Elle dure jusqu’à l’achèvement du marché, le règlement définitif des comptes entre les membres et l’extinction de tout litige lié au marché.',
      `Elle devient caduque si le marché n’est pas attribué ${law.toTheConsortium}, ou si la consultation est abandonnée.`,
    ],
  },
  {
    key: 'precedence',
    title: 'Pièces contractuelles et ordre de priorité',
    body: (_model, law) => [
      `Dans les relations avec l’acheteur, les documents du marché (${law.contractDocuments}) prévalent sur la présente convention, qui ne leur est pas opposable et ne peut y déroger.`,
      'Entre les membres, en cas de contradiction, les pièces suivantes prévalent dans cet ordre :',
      '– les avenants à la présente convention, le plus récent d’abord ;',
      '– la présente convention ;',
      '– son annexe A (répartition des prestations), dont les montants prévalent sur ceux cités dans le texte ;',
      '– son annexe B (sous-traitance et mise à disposition de personnel) ;',
      '– les relevés de décisions du comité de pilotage.',
      'La présente convention remplace tout accord antérieur entre les membres portant sur le même objet.',
    ],
  },
  {
    key: 'notices',
    title: 'Notifications et élection de domicile',
    body: (_model, law) => [
      `Les notifications prévues par la présente convention (mise en demeure, retrait, exclusion, saisine du comité de pilotage) sont faites par écrit, par ${law.registeredMail}. Les autres échanges peuvent se faire par courriel, à l’adresse du représentant de chaque membre.`,
      'Pour l’exécution de la présente convention, chaque membre élit domicile à l’adresse de son siège indiquée en tête de la convention ; le mandataire élit en outre domicile à son siège pour recevoir les notifications de l’acheteur destinées à l’ensemble des membres.',
      'Un membre qui change d’adresse en informe les autres membres dans les quinze jours ; à défaut, les notifications faites à l’ancienne adresse sont valables.',
    ],
  },
  {
    key: 'confidentiality',
    title: 'Confidentialité et données personnelles',
    body: (_model, law) => [
      'Les membres tiennent confidentielles les informations échangées pour la préparation de l’offre et l’exécution du marché, en particulier les prix et les informations sur les autres membres, pendant la durée de la convention et trois ans après.',
      `Chaque membre traite les données personnelles (salariés, personnes en insertion, usagers) dans le respect du ${law.dataProtection}, pour les seules finalités du marché ; le suivi des heures d’insertion ne communique au mandataire que les données nécessaires.`,
    ],
  },
  {
    key: 'disputes',
    title: 'Litiges',
    // No court is named in advance: in France a clause giving territorial jurisdiction to a court
    // binds only parties who all contract as traders (article 48 of the code de procédure civile),
    // and the members are associations as well as companies. The ordinary rules hold for all.
    body: (_model, law) => [
      `La présente convention est régie par le ${law.governingLaw}.`,
      'Tout différend entre membres relatif à la présente convention, à son interprétation ou à son exécution est d’abord soumis au comité de pilotage, saisi par écrit par le membre le plus diligent, en vue d’un règlement amiable.',
      `À défaut d’accord dans le délai d’un mois à compter de cette saisine, les membres concernés recourent à une médiation, confiée à ${law.mediation}. Sauf accord contraire, les frais de la médiation sont partagés à parts égales entre eux.`,
      `Si les membres concernés ne s’accordent pas sur le choix du médiateur dans le délai de quinze jours, ou si la médiation n’aboutit pas dans le délai de trois mois à compter de la désignation du médiateur, le membre le plus diligent peut saisir ${law.ordinaryCourt}.`,
      'Le recours préalable au règlement amiable et à la médiation ne fait pas obstacle à la saisine du juge des référés ni aux mesures urgentes ou conservatoires.',
    ],
  },
];

/** Every text of the convention outside the clauses: titles, captions, notes, signatures. */
export const CONVENTION_TEMPLATE = {
  version: 'fr-2026.5',
  clauses: CONVENTION_CLAUSES,
  legalFrame: (locale: ConventionLocale): LegalFrame => LEGAL_FRAMES[locale],
  title: (model: BidDocumentModel): string =>
    model.locale === 'fr-BE' ? 'Convention d’association momentanée' : 'Convention de groupement',
  subtitle: (model: BidDocumentModel): string =>
    `${model.tender.title} — référence ${model.tender.reference}`,
  coverLines: (model: BidDocumentModel): string[] => [
    `Acheteur : ${model.tender.buyer.name} (${model.tender.buyer.identifier})`,
    `Forme : ${model.consortium.formLabel}`,
    `Mandataire : ${model.mandataire.legalName}`,
    `Membres : ${formatCount(model.parties.length)} — lots : ${formatCount(model.lots.length)} — montant total : ${formatEuros(model.totals.amountCents)} HT`,
    `Répartition : version ${model.allocation.versionNumber} du ${frenchDate(model.allocation.computedAt, model.timeZone)}`,
  ],
  templateNote: (version: string): string => `Modèle de convention ${version}, généré par Cordage.`,
  tocTitle: 'Sommaire',
  partiesTitle: 'Parties',
  partiesIntro: 'Entre les soussignés :',
  /** A particular not entered yet reads "à compléter": the board sees what is missing. */
  party: (party: DocumentParty): string => {
    const { legalForm, registeredAddress, approval, representativeCapacity } = party.particulars;
    const approvalText = approval
      ? `, ${approval.name} n°${NBSP}${approval.number ?? TO_COMPLETE} (autorité : ${approval.authority ?? TO_COMPLETE})`
      : '';
    return `${party.legalName}, ${legalForm ?? `forme juridique ${TO_COMPLETE}`}, ${party.kindLabel}, ${party.identifier}${approvalText}, dont le siège est situé ${registeredAddress ? `au ${registeredAddress}` : `à ${party.registeredOffice} (adresse ${TO_COMPLETE})`}, représentée par ${party.representative.name}, en qualité de ${representativeCapacity}, employant ${staffText(party.employees)}${party.isMandataire ? `, ci-après ${quote('le mandataire')}` : ''} ;`;
  },
  partiesClosing: (model: BidDocumentModel, law: LegalFrame): string =>
    `ci-après ensemble ${quote('les membres')} ${law.ofTheConsortium} (${formatCount(model.parties.length)} membres), il est convenu ce qui suit.`,
  annexA: {
    title: 'Annexe A — Répartition des prestations par lot et par membre',
    /** "Lot 1 - Plaine Commune" as the tender names it, or "Lot 1 — Nord" when it does not say "Lot". */
    lotTitle: (lot: DocumentLot): string =>
      /^lot\s*\d/i.test(lot.title) ? lot.title : `Lot ${lot.number} — ${lot.title}`,
    lotSummary: (lot: DocumentLot): string =>
      `Montant du lot : ${formatEuros(lot.amountCents)} HT ; ${formatHours(lot.demandHours)} de prestations, dont ${formatHours(lot.insertionHours)} d’insertion demandées.`,
    /** When every member does the same work on the lot, it is said once above the table. */
    commonNature: (nature: string): string => `Nature des prestations : ${nature}.`,
    columns: {
      member: 'Membre',
      territories: 'Territoires',
      nature: 'Nature des prestations',
      hours: 'Heures',
      amount: 'Montant HT',
      share: 'Part',
      insertion: 'Heures d’insertion',
      lots: 'Lots',
    },
    memberTotalsTitle: 'Total de chaque membre sur l’ensemble des lots',
    allLotsTotal: 'Total des lots',
    uncovered: 'Part non couverte',
    uncoveredNature: 'aucun membre n’a déclaré de capacité suffisante',
    lotTotal: (lot: DocumentLot): string => `Total du lot ${lot.number}`,
    note: (model: BidDocumentModel): string[] => {
      const { versionNumber, computedAt, optima } = model.allocation;
      return [
        `Comment la répartition a été calculée (version ${versionNumber}, ${frenchDate(computedAt, model.timeZone)}). Trois optimisations successives, chacune sans dégrader la précédente : 1. couvrir le plus d’heures possible (heures non couvertes au minimum : ${formatHours(optima.coverage)}) ; 2. faire travailler chaque membre au plus près de ses territoires (heures hors des territoires principaux au minimum, chacune comptée au coût d’une offre secondaire : ${formatHours(optima.proximity)}) ; 3. partager équitablement : chaque membre reçoit au moins ${formatPercentAtLeast(optima.fairness)} de la capacité qu’il a déclarée.`,
        'Les montants sont arrondis au centime par la méthode du plus fort reste, de sorte que la somme des montants de chaque lot égale exactement le montant du lot. La part est exprimée en pourcentage du montant du lot, avec deux décimales.',
      ];
    },
  },
  annexB: {
    title: 'Annexe B — Sous-traitance et mise à disposition de personnel',
    intro: (law: LegalFrame): string =>
      `Sous-traitances et mises à disposition déclarées, conformément aux ${law.subcontractingRules}. Une mise à disposition de salariés par une AI, une ETTI ou un GEIQ n’est pas une sous-traitance. Chaque sous-traitance dure au plus le temps d’exécution du lot concerné.`,
    columns: [
      'Lot',
      'Membre titulaire',
      'Sous-traitant',
      'Type',
      'Nature',
      'Montant maximal HT',
      'Paiement direct',
    ],
    none: 'Aucune sous-traitance ni mise à disposition n’est déclarée à ce jour.',
  },
  signatures: {
    title: 'Signatures',
    intro:
      'Fait en un exemplaire électronique. Chaque membre signe la présente convention par une signature électronique apposée sur ce document ; la date et le lieu de chaque signature figurent dans le cadre du membre et dans la signature elle-même.',
    capacity: (party: DocumentParty): string =>
      `${party.representative.name}, ${party.representative.title}`,
    /** Above the empty area: what goes there, never a claim that it is signed. */
    caption: 'Signature électronique du représentant',
  },
} as const;

/** An article of the amendment: a title and its paragraphs, from the new model and the change. */
export interface AmendmentArticle {
  key: 'object' | 'split' | 'unchanged' | 'entryIntoForce';
  title: string;
  body: (model: BidDocumentModel, change: MembershipChange, law: LegalFrame) => string[];
}

/** Lower-cases the first letter: "Convention de groupement" inside a sentence. */
const uncapitalise = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "la convention de groupement", "la convention d’association momentanée" */
export const theConvention = (model: BidDocumentModel) =>
  `la ${uncapitalise(CONVENTION_TEMPLATE.title(model))}`;

/** The amendment's articles, in order; the renderer prints the new split after 'split'. */
const AMENDMENT_ARTICLES: AmendmentArticle[] = [
  {
    key: 'object',
    title: 'Objet de l’avenant',
    body: (model, change, law) => [
      `Le présent avenant à ${theConvention(model)} conclue pour la consultation ${quote(model.tender.title)}, référence ${model.tender.reference}, a pour objet de constater le retrait ${law.ofTheConsortium} de ${change.leaving.legalName} (${change.leaving.identifier}).`,
      `Motif du retrait : ${change.reasonLabel}.`,
      `Justification présentée par le mandataire : ${quote(change.justification)}`,
      `La composition ${law.ofTheConsortium} ne pouvant être modifiée après la remise des candidatures que dans les cas admis par la réglementation (${law.compositionFreeze}), les membres restants, qui présentent ensemble les capacités requises, demandent à l’acheteur l’autorisation de poursuivre la procédure et l’exécution du marché sans le membre sortant, dont ils reprennent les prestations selon l’article 2.`,
    ],
  },
  {
    key: 'split',
    title: 'Nouvelle répartition des prestations',
    body: (model) => [
      `L’annexe A de la convention est remplacée par la répartition ci-dessous, entre les ${formatCount(model.parties.length)} membres restants : version ${model.allocation.versionNumber} de la répartition, calculée le ${frenchDate(model.allocation.computedAt, model.timeZone)}.`,
      `Le montant total des lots reste de ${formatEuros(model.totals.amountCents)} HT, dont ${formatEuros(model.totals.allocatedCents)} HT attribués aux membres.`,
    ],
  },
  {
    key: 'unchanged',
    title: 'Autres stipulations',
    body: (model) => [
      `Toutes les autres clauses de ${theConvention(model)} demeurent inchangées et continuent de s’appliquer entre les membres restants.`,
    ],
  },
  {
    key: 'entryIntoForce',
    title: 'Entrée en vigueur',
    body: (model) => [
      `Le présent avenant est signé par chacun des membres restants. Il entre en vigueur à la date à laquelle l’acheteur, ${model.tender.buyer.name}, agrée la modification de la composition qu’il constate ; le mandataire lui en transmet la demande.`,
      'À défaut d’agrément, le présent avenant est caduc.',
    ],
  },
];

/**
 * The amendment recording a member's departure after the freeze of the composition (R2142-26 in
 * France), signed by the remaining members; the model is the new split among them.
 */
export const AMENDMENT_TEMPLATE = {
  version: 'fr-2026.1-avenant',
  title: (model: BidDocumentModel, change: Pick<MembershipChange, 'amendmentNumber'>): string =>
    `Avenant n°${NBSP}${change.amendmentNumber} à ${theConvention(model)}`,
  subtitle: (model: BidDocumentModel): string =>
    `${model.tender.title} — référence ${model.tender.reference} — acheteur : ${model.tender.buyer.name} (${model.tender.buyer.identifier})`,
  templateNote: (version: string): string => `Modèle d’avenant ${version}, généré par Cordage.`,
  articles: AMENDMENT_ARTICLES,
  signatures: {
    title: 'Signatures',
    intro:
      'Fait en un exemplaire électronique. Chaque membre restant signe le présent avenant par une signature électronique apposée sur ce document ; la date et le lieu de chaque signature figurent dans le cadre du membre et dans la signature elle-même.',
  },
} as const;

/** The mandataire's letter asking the buyer to approve the change, sent with the amendment. */
export const BUYER_LETTER_TEMPLATE = {
  title: 'Demande d’agrément',
  object: (model: BidDocumentModel, law: LegalFrame): string =>
    `Objet : Demande d’agrément d’une modification de la composition ${law.ofTheConsortium} — consultation ${model.tender.reference}`,
  sender: (model: BidDocumentModel): string[] => {
    const { mandataire } = model;
    return [
      mandataire.legalName,
      mandataire.identifier,
      `Siège : ${mandataire.registeredOffice}`,
      `Représentée par ${mandataire.representative.name}, ${mandataire.representative.title}`,
    ];
  },
  recipient: (model: BidDocumentModel): string[] => [
    'À l’attention de',
    model.tender.buyer.name,
    model.tender.buyer.identifier,
  ],
  date: (model: BidDocumentModel, change: MembershipChange): string =>
    `Le ${frenchDate(change.requestedAt, model.timeZone)}`,
  body: (model: BidDocumentModel, change: MembershipChange, law: LegalFrame): string[] => [
    'Madame, Monsieur,',
    `${model.mandataire.legalName} est le mandataire ${law.ofTheConsortium} qui a répondu à votre consultation ${quote(model.tender.title)}, référence ${model.tender.reference}, sous la forme ${quote(model.consortium.formLabel)}.`,
    `L’un de ses membres, ${change.leaving.legalName} (${change.leaving.identifier}), doit se retirer ${law.ofTheConsortium} pour le motif suivant : ${change.reasonLabel}. Justification : ${quote(change.justification)}`,
    `Les membres restants reprennent l’ensemble de ses prestations, selon l’avenant n°${NBSP}${change.amendmentNumber} à ${theConvention(model)} joint à la présente demande, qui fixe la nouvelle répartition (version ${model.allocation.versionNumber}) ; montant total hors taxes de chacun :`,
    ...model.parties.map(
      (party, i) =>
        `– ${party.legalName} (${party.identifier}) : ${formatEuros(party.amountCents)} HT${party.isMandataire ? ', mandataire' : ''}${i === model.parties.length - 1 ? '.' : ' ;'}`,
    ),
    `Ils présentent ensemble les capacités requises pour exécuter le marché. En application de la réglementation (${law.compositionFreeze}), nous vous demandons de bien vouloir agréer cette modification de la composition ${law.ofTheConsortium}, et vous remercions de nous faire connaître votre décision.`,
    'Nous vous prions d’agréer, Madame, Monsieur, l’expression de notre considération distinguée.',
  ],
  enclosure: (model: BidDocumentModel, change: MembershipChange): string =>
    `Pièce jointe : avenant n°${NBSP}${change.amendmentNumber} à ${theConvention(model)}.`,
  signatureIntro: (law: LegalFrame): string =>
    `Pour les membres ${law.ofTheConsortium}, le mandataire :`,
} as const;
