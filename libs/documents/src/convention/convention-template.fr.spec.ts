import {
  type BidDocumentModel,
  DEFAULT_CONVENTION_SETTINGS,
  type DocumentLot,
  type DocumentParty,
  type UncoveredWorkRule,
  consortiumFormLabel,
  required,
} from '@cordage/domain';
import { CONVENTION_TEMPLATE } from './convention-template.fr';
import { model, party } from './convention-text.fixture';
import { frenchSpacing } from './document.layout';
import { formatBasisPoints, frenchDate, frenchDateTime } from './french-text.format';

function clauses(m: BidDocumentModel): string {
  const law = CONVENTION_TEMPLATE.legalFrame(m.locale);
  return CONVENTION_TEMPLATE.clauses.flatMap((clause) => clause.body(m, law)).join('\n');
}

describe('CONVENTION_TEMPLATE', () => {
  it('is versioned', () => {
    expect(CONVENTION_TEMPLATE.version).toBe('fr-2026.5');
  });

  it('says "aucune" when the mandataire is not paid, and the percentage when it is', () => {
    expect(clauses(model())).toContain('Rémunération du mandataire : aucune');
    const paid = clauses(model((m) => (m.settings.mandataireFeeBasisPoints = 150)));
    expect(paid).toContain('1,50\u00a0% du montant hors taxes');
    expect(paid).toContain('soit 150,00\u00a0€ HT');
  });

  it('pays each member directly by default, each invoicing its own part', () => {
    expect(DEFAULT_CONVENTION_SETTINGS.paymentFlow).toBe('DIRECT');
    const direct = clauses(model());
    expect(direct).toContain(
      'Mode de paiement retenu : paiement direct de chaque membre par l’acheteur.',
    );
    expect(direct).toContain('L’acheteur paie directement chaque membre');
    expect(direct).toContain('Chaque membre établit ses propres demandes de paiement');
    expect(direct).not.toContain('compte unique');
    expect(direct).not.toContain('reverse');
  });

  it('states the part no member covers, lot by lot, and who answers for it as the members chose', () => {
    expect(clauses(model())).toContain(
      'Toutes les heures demandées par l’acheteur sont confiées à un membre.',
    );
    const lot = (number: number, uncovered: DocumentLot['uncovered']): DocumentLot => ({
      number,
      title: `Lot ${number}`,
      nature: 'Peinture',
      amountCents: 10_000_000,
      insertionHours: 1000,
      demandHours: 10_000,
      places: [],
      shares: [],
      uncovered,
    });
    const open = (rule: UncoveredWorkRule) =>
      clauses(
        model((m) => {
          m.settings.uncoveredWorkRule = rule;
          m.lots = [
            lot(1, {
              hours: 1050,
              amountCents: 3_831_466,
              insertionHours: 105,
              territories: [],
              places: [],
            }),
            lot(2, null),
            lot(4, {
              hours: 2.5,
              amountCents: 10_000,
              insertionHours: 0,
              territories: [],
              places: [],
            }),
          ];
        }),
      );
    expect(DEFAULT_CONVENTION_SETTINGS.uncoveredWorkRule).toBe('MANDATAIRE');
    const byMandataire = open('MANDATAIRE');
    expect(byMandataire).toContain(
      'Une part des prestations n’est confiée à aucun membre (annexe A, « Part non couverte ») : ' +
        'lot 1 : 1\u202f050\u00a0h pour 38\u202f314,66\u00a0€ HT, dont 105\u00a0h d’insertion ; ' +
        'lot 4 : 2,5\u00a0h pour 100,00\u00a0€ HT. Le mandataire en répond envers l’acheteur',
    );
    expect(byMandataire).not.toContain('Toutes les heures demandées');
    expect(open('VOLUNTEERS')).toContain('membres qui se portent volontaires');
    expect(open('VOLUNTEERS')).toContain('avenant à l’annexe A');
    expect(open('COVERED_PART_ONLY')).toContain('ne porte que sur la part couverte');
  });

  it('says plainly what the single account implies: consent, redistribution, invoicing, risk', () => {
    const single = (change: (m: BidDocumentModel) => void = () => undefined) =>
      clauses(
        model((m) => {
          m.settings.paymentFlow = 'MANDATAIRE_ACCOUNT';
          change(m);
        }),
      );
    const conjoint = single();
    expect(conjoint).toContain('sur un compte unique ouvert au nom du mandataire');
    expect(conjoint).toContain(
      'il requiert l’accord de chacun des membres, que chacun donne en signant la présente convention',
    );
    expect(conjoint).toContain(
      'dans un délai de 15\u00a0jours à compter de la réception des fonds',
    );
    expect(conjoint).toContain(
      'Le groupement étant conjoint, chaque membre continue d’établir ses propres demandes de paiement',
    );
    expect(conjoint).toContain(
      'si une procédure de sauvegarde, de redressement ou de liquidation judiciaire est ouverte à ' +
        'son égard, un membre qui n’a pas encore reçu sa part risque de n’être qu’un créancier du ' +
        'mandataire parmi d’autres',
    );
    // What was false: money on the mandataire's account is not shielded from its creditors.
    expect(conjoint).not.toContain('ne font pas partie du patrimoine du mandataire');

    const solidaire = single((m) => (m.consortium.form = 'SOLIDAIRE'));
    expect(solidaire).not.toContain('étant conjoint');
    expect(solidaire).toContain('Le mandataire présente à l’acheteur les demandes de paiement');

    const belgian = single((m) => (m.locale = 'fr-BE'));
    expect(belgian).toContain('L’association momentanée étant conjointe');
    expect(belgian).toContain('procédure de réorganisation judiciaire ou de faillite');
    expect(belgian).not.toMatch(/acte d’engagement|sauvegarde/);
  });

  it('collects the mandataire’s fee as the money flows', () => {
    const fee = (flow: 'DIRECT' | 'MANDATAIRE_ACCOUNT') =>
      clauses(
        model((m) => {
          m.settings.mandataireFeeBasisPoints = 150;
          m.settings.paymentFlow = flow;
        }),
      );
    expect(fee('DIRECT')).toContain('facturés par le mandataire à chaque membre');
    expect(fee('MANDATAIRE_ACCOUNT')).toContain('retenus par le mandataire sur chaque somme');
  });

  it('gives a notice to leave that runs out by the submission deadline, or none', () => {
    expect(clauses(model())).toContain(
      'avant la date limite de remise des offres en prévenant les autres membres par écrit au ' +
        'moins 8\u00a0jours à l’avance, de sorte que son retrait prenne effet au plus tard à cette date.',
    );
    const none = clauses(model((m) => (m.settings.exitNoticeDays = 0)));
    expect(none).toContain('en en informant les autres membres par écrit, sans préavis');
    expect(none).not.toMatch(/(?<!\d)0\u00a0jour/);
  });

  it('states the form, with no partnership and no affectio societatis', () => {
    const text = clauses(model((m) => (m.consortium.form = 'SOLIDAIRE')));
    expect(text).toContain('engagé financièrement pour la totalité du marché');
    expect(text).toContain('aucune affectio societatis');
  });

  it('cites the Code de la commande publique in France and the law of 2016 in Belgium', () => {
    const french = clauses(model());
    expect(french).toContain('R2142-26');
    expect(french).toContain('groupement momentané d’entreprises');
    const belgian = clauses(
      model((m) => {
        m.locale = 'fr-BE';
        m.consortium.formLabel = consortiumFormLabel('CONJOINT', 'fr-BE');
      }),
    );
    expect(belgian).toContain('une association momentanée');
    expect(belgian).toContain('loi du 17 juin 2016 relative aux marchés publics');
    expect(belgian).not.toContain('Code de la commande publique');
    expect(belgian).toContain('droit belge');
  });

  it('settles disputes amicably, then by mediation, then before the court of the ordinary rules', () => {
    const disputes = (m: BidDocumentModel) => {
      const clause = CONVENTION_TEMPLATE.clauses.find((c) => c.key === 'disputes');
      if (!clause) throw new Error('no disputes clause');
      return clause.body(m, CONVENTION_TEMPLATE.legalFrame(m.locale)).join('\n');
    };
    const french = disputes(model());
    const steps = [
      'est d’abord soumis au comité de pilotage',
      'recourent à une médiation, confiée à un médiateur choisi d’un commun accord, dans les ' +
        'conditions des articles 1530 et suivants du code de procédure civile',
      'le membre le plus diligent peut saisir la juridiction compétente selon les règles de droit commun.',
    ];
    for (const step of steps) expect(french).toContain(step);
    const at = steps.map((step) => french.indexOf(step));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // No court is chosen by place: such a clause binds only traders (art. 48 CPC), and members
    // are associations as well as companies.
    expect(french).not.toMatch(/tribunal|siège du mandataire|médiateur des entreprises/);
    expect(french).toContain('juge des référés');

    const belgian = disputes(model((m) => (m.locale = 'fr-BE')));
    expect(belgian).toContain('droit belge');
    expect(belgian).toContain('médiateur agréé');
    expect(belgian).toContain('articles 1723/1 et suivants du Code judiciaire');
    expect(belgian).toContain('la juridiction compétente selon les règles du Code judiciaire.');
    expect(belgian).not.toMatch(/code de procédure civile|droit français|tribunal/i);
  });

  it('names the party with its particulars, and says which are still to complete', () => {
    expect(CONVENTION_TEMPLATE.party(party)).toBe(
      'Atelier Œuvre, forme juridique à compléter, entreprise d’insertion (EI), SIRET 473 607 146 ' +
        '36845, conventionnement d’insertion par l’activité économique n°\u00a0à compléter ' +
        '(autorité : à compléter), dont le siège est situé à Saint-Denis (COM:93066) (adresse à ' +
        'compléter), représentée par Anne Dupont, en qualité de Présidente, employant ' +
        '1\u00a0salarié, ci-après «\u00a0le mandataire\u00a0» ;',
    );
    const complete: DocumentParty = {
      ...party,
      particulars: {
        legalForm: 'association régie par la loi du 1er juillet 1901',
        registeredAddress: '12 rue de la République, 93200 Saint-Denis',
        approval: {
          ...required(party.particulars.approval, 'the approval'),
          number: '93-2024-0117',
          authority: 'DREETS Île-de-France',
        },
        representativeCapacity: 'présidente',
      },
    };
    expect(CONVENTION_TEMPLATE.party(complete)).toBe(
      'Atelier Œuvre, association régie par la loi du 1er juillet 1901, entreprise d’insertion ' +
        '(EI), SIRET 473 607 146 36845, conventionnement d’insertion par l’activité économique ' +
        'n°\u00a093-2024-0117 (autorité : DREETS Île-de-France), dont le siège est situé au 12 rue ' +
        'de la République, 93200 Saint-Denis, représentée par Anne Dupont, en qualité de ' +
        'présidente, employant 1\u00a0salarié, ci-après «\u00a0le mandataire\u00a0» ;',
    );
    expect(
      CONVENTION_TEMPLATE.party({
        ...complete,
        particulars: { ...complete.particulars, approval: null },
      }),
    ).not.toContain('n°');
    // A staff nobody entered is to be completed: the signed text never states a made-up 0.
    const unknownStaff = CONVENTION_TEMPLATE.party({ ...complete, employees: null, small: false });
    expect(unknownStaff).toContain('présidente, employant un effectif à compléter, ci-après');
    expect(CONVENTION_TEMPLATE.party({ ...complete, employees: 12 })).toContain(
      'employant 12\u00a0salariés, ci-après',
    );
  });

  it('has the clauses of the FNTP/FFB model that were missing: invoicing, insurance, guarantees, precedence, notices', () => {
    const keys = CONVENTION_TEMPLATE.clauses.map((clause) => clause.key);
    for (const key of ['invoicing', 'insurance', 'guarantees', 'precedence', 'notices']) {
      expect(keys).toContain(key);
    }
    const services = clauses(model());
    expect(services).toContain('Le marché est un marché de services');
    expect(services).toContain('au taux de 20,00\u00a0%');
    expect(services).toContain('délai global de paiement de 30\u00a0jours');
    expect(services).toContain('Chorus Pro');
    expect(services).toContain('élit domicile à l’adresse de son siège');
    expect(services).toContain('les documents du marché (l’acte d’engagement');
    expect(services).not.toMatch(/décennale|autoliquidation|parfait achèvement/);
    const works = clauses(model((m) => (m.settings.contractNature = 'WORKS')));
    expect(works).toContain('assurance de responsabilité décennale');
    expect(works).toContain('garantie de parfait achèvement');
    expect(works).toContain('autoliquidation, article 283, 2 nonies, du code général des impôts');
    const belgianWorks = clauses(
      model((m) => {
        m.locale = 'fr-BE';
        m.settings.contractNature = 'WORKS';
      }),
    );
    expect(belgianWorks).toContain('loi du 31 mai 2019');
    expect(belgianWorks).toContain('régime du cocontractant');
    expect(belgianWorks).toContain('réception provisoire à la réception définitive');
  });
});

describe('the clauses of the FNTP/FFB model (January 2023) added in fr-2026.5', () => {
  /** The paragraphs of one clause, for a model changed by `change`. */
  const clause = (key: string, change: (m: BidDocumentModel) => void = () => undefined) => {
    const m = model(change);
    const template = required(
      CONVENTION_TEMPLATE.clauses.find((c) => c.key === key),
      `the clause ${key}`,
    );
    return template.body(m, CONVENTION_TEMPLATE.legalFrame(m.locale)).join('\n');
  };
  const works = (m: BidDocumentModel) => (m.settings.contractNature = 'WORKS');
  const belgian = (m: BidDocumentModel) => (m.locale = 'fr-BE');
  const form =
    (f: 'CONJOINT' | 'CONJOINT_MANDATAIRE_SOLIDAIRE' | 'SOLIDAIRE') => (m: BidDocumentModel) =>
      (m.consortium = { form: f, formLabel: consortiumFormLabel(f, m.locale) });

  it('comes with a new template version, the clauses in the order of the model', () => {
    expect(CONVENTION_TEMPLATE.version).toBe('fr-2026.5');
    const keys = CONVENTION_TEMPLATE.clauses.map((c) => c.key);
    const order = [
      'invoicing',
      'commonCosts',
      'tenderCosts',
      'modifications',
      'insertion',
      'liability',
      'insurance',
      'financialGuarantees',
      'guarantees',
      'forceMajeure',
      'default',
      'exit',
      'exclusion',
      'admission',
      'finalSettlement',
      'duration',
    ];
    expect(keys.filter((key) => order.includes(key))).toEqual(order);
  });

  it('shares common expenses by amount, and the site’s compte prorata only where there are works', () => {
    const services = clause('commonCosts');
    expect(services).toContain('ne sont engagées qu’après accord du comité de pilotage');
    expect(services).toContain(
      'à proportion du montant hors taxes de leurs prestations à l’annexe A',
    );
    expect(services).toContain('imputables à un seul membre, qui les supporte alors seul');
    expect(services).not.toContain('compte prorata');
    // Who pays the mandataire's coordination follows its fee: none, or the fee.
    expect(clause('commonCosts', (m) => (m.settings.mandataireFeeBasisPoints = 0))).toContain(
      'les frais de coordination du mandataire restent à sa charge, sa mission étant gratuite',
    );
    expect(clause('commonCosts', (m) => (m.settings.mandataireFeeBasisPoints = 150))).toContain(
      'les frais de coordination du mandataire sont couverts par sa rémunération',
    );
    expect(clause('commonCosts', works)).toContain(
      'selon le compte prorata que prévoient les documents du marché',
    );
    // A member that pays for another (the solidary mandataire) is paid back; none where no one is.
    expect(clause('commonCosts', form('CONJOINT'))).not.toContain('rembourse');
    expect(clause('commonCosts', form('CONJOINT_MANDATAIRE_SOLIDAIRE'))).toContain(
      'celui-ci la lui rembourse',
    );
  });

  it('leaves each member its own tender costs, won or lost, and shares the common ones and any prize', () => {
    const text = clause('tenderCosts');
    expect(text).toContain('que le marché soit attribué ou non ; aucun membre ne peut en demander');
    expect(text).toContain('que le marché soit attribué au groupement ou non');
    expect(text).toContain('La prime ou l’indemnité que l’acheteur verse');
    expect(text).toContain('jusqu’à la date d’effet de son retrait');
    expect(clause('tenderCosts', belgian)).toContain('attribué à l’association momentanée ou non');
  });

  it('gives extra work to the member whose work it extends, never beyond its capacity without consent', () => {
    const text = clause('modifications');
    expect(text).toContain('R2194-1 à R2194-9 du Code de la commande publique');
    expect(text).toContain('sans décision écrite de l’acheteur transmise par le mandataire');
    expect(text).toContain('à proportion de leurs parts du lot à l’annexe A');
    expect(text).toContain('au-delà de la capacité qu’il a déclarée sans y avoir consenti');
    expect(text).toContain('revient au membre qui l’exécute');
    expect(text).toContain('avenant à l’annexe A');
    expect(clause('modifications', works)).toContain('sans ordre de service ou décision écrite');
    expect(clause('modifications', belgian)).toContain(
      'articles 37 et suivants de l’arrêté royal du 14 janvier 2013',
    );
  });

  it('puts the retention money on each member’s part, replaceable by its own first-demand guarantee', () => {
    const text = clause('financialGuarantees');
    expect(text).toContain('R2191-32 et suivants du Code de la commande publique');
    expect(text).toContain('au plus 5\u00a0% du montant initial du marché');
    expect(text).toContain('garantie à première demande émise pour sa seule part');
    expect(text).toContain('par ce seul membre');
    expect(text).not.toContain('rembourse');
    for (const solidary of ['CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE'] as const) {
      expect(clause('financialGuarantees', form(solidary))).toContain(
        'ce membre rembourse à celui qui l’a constituée les sommes appelées',
      );
    }
    const be = clause('financialGuarantees', belgian);
    expect(be).toContain('cautionnement');
    expect(be).toContain('articles 25 à 33 de l’arrêté royal du 14 janvier 2013');
    expect(be).not.toContain('retenue opérée');
  });

  it('frees a member prevented by force majeure, and opens renegotiation on hardship, each by its law', () => {
    const text = clause('forceMajeure');
    expect(text).toContain('(article 1218 du code civil)');
    expect(text).toContain('(article 1195 du code civil)');
    expect(text).toContain('il continue d’exécuter ses obligations pendant la renégociation');
    expect(text).toContain('indemnité d’imprévision (article L6 du Code de la commande publique)');
    expect(text).toContain('reviennent aux membres qui ont supporté les charges correspondantes');
    expect(text).toContain('n’oblige pas les autres à exécuter ses prestations');
    expect(clause('forceMajeure', form('SOLIDAIRE'))).toContain(
      'ne libère pas les autres de leur engagement solidaire',
    );
    expect(clause('forceMajeure', form('CONJOINT_MANDATAIRE_SOLIDAIRE'))).toContain(
      'le mandataire reste tenu envers l’acheteur dans les limites de sa solidarité',
    );
    const be = clause('forceMajeure', belgian);
    expect(be).toContain('(article 5.74 du Code civil)');
    expect(be).toContain('règles générales d’exécution');
    expect(be).not.toMatch(/1195|1218|L6/);
  });

  it('settles the final account with the buyer through the mandataire, then the accounts between members', () => {
    const text = clause('finalSettlement');
    expect(text).toContain('le décompte général et définitif du marché que notifie l’acheteur');
    expect(text).toContain('dans les quinze jours');
    expect(text).toContain('dépenses communes et compte prorata, frais communs de l’offre');
    expect(text).not.toContain('compte unique');
    expect(
      clause('finalSettlement', (m) => (m.settings.paymentFlow = 'MANDATAIRE_ACCOUNT')),
    ).toContain('le solde du compte unique');
    expect(clause('finalSettlement', belgian)).toContain('le décompte final du marché');
  });
});

/** Every French code article a Belgian text must never cite. */
const FRENCH_ARTICLES = [
  /\b[LRD]\.?\s?\d{4}-\d+/, // Code de la commande publique, code des assurances: L2113-12, R2142-26
  /\bA\.?\s?\d{3}-\d+/, // code des assurances, annex articles: A243-1
  /Code de la commande publique/i,
  /code de procédure civile|\bCPC\b/i,
  /code général des impôts|\bCGI\b/i,
  /code des assurances/i,
  /code civil(?!\s*\))/i, // the Belgian text cites "l’ancien Code civil" only
  /Chorus|acte d’engagement|DREETS/,
];

describe('the Belgian convention', () => {
  /** Every text of the template for a fr-BE model, in each of the settings' variants. */
  function belgianTexts(): string[] {
    const texts: string[] = [];
    for (const contractNature of ['WORKS', 'SUPPLIES', 'SERVICES'] as const) {
      for (const paymentFlow of ['DIRECT', 'MANDATAIRE_ACCOUNT'] as const) {
        for (const form of ['CONJOINT', 'CONJOINT_MANDATAIRE_SOLIDAIRE', 'SOLIDAIRE'] as const) {
          for (const reserved of ['NONE', 'L2113_12', 'L2113_13', 'L2113_12_13'] as const) {
            const m = model((b) => {
              b.locale = 'fr-BE';
              b.settings = {
                ...b.settings,
                contractNature,
                paymentFlow,
                mandataireFeeBasisPoints: 150,
              };
              b.consortium = { form, formLabel: consortiumFormLabel(form, 'fr-BE') };
              b.tender.reserved = reserved;
            });
            const law = CONVENTION_TEMPLATE.legalFrame('fr-BE');
            texts.push(
              ...CONVENTION_TEMPLATE.clauses.flatMap((clause) => clause.body(m, law)),
              CONVENTION_TEMPLATE.partiesClosing(m, law),
              CONVENTION_TEMPLATE.annexB.intro(law),
              ...CONVENTION_TEMPLATE.annexA.note(m),
              CONVENTION_TEMPLATE.signatures.intro,
            );
          }
        }
      }
    }
    return texts;
  }

  it('cites Belgian law only, never an article of a French code', () => {
    const offending = belgianTexts().flatMap((text) =>
      FRENCH_ARTICLES.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${pattern}: ${text}`,
      ),
    );
    expect(offending).toEqual([]);
    const all = belgianTexts().join('\n');
    expect(all).toContain('loi du 17 juin 2016');
    expect(all).toContain('arrêté royal du 18 avril 2017');
  });

  it('the check would catch a French article', () => {
    const french = clauses(model((m) => (m.settings.contractNature = 'WORKS')));
    expect(FRENCH_ARTICLES.some((pattern) => pattern.test(french))).toBe(true);
  });
});

describe('French typography', () => {
  it('writes dates on the buyer’s clock, whatever offset the text carries', () => {
    expect(frenchDate('2027-01-01T00:30:00+01:00', 'Europe/Paris')).toBe(
      '1er\u00a0janvier\u00a02027',
    );
    // The same instant in UTC, as Postgres gives it back: still New Year's Day in Paris.
    expect(frenchDate('2026-12-31T23:30:00.000Z', 'Europe/Paris')).toBe(
      '1er\u00a0janvier\u00a02027',
    );
    for (const sameInstant of ['2027-01-15T12:00:00+01:00', '2027-01-15T11:00:00.000Z']) {
      expect(frenchDateTime(sameInstant, 'Europe/Paris')).toBe(
        '15\u00a0janvier\u00a02027 à 12\u00a0h\u00a000',
      );
    }
    expect(frenchDateTime('2027-07-01T10:05:00Z', 'Europe/Brussels')).toBe(
      '1er\u00a0juillet\u00a02027 à 12\u00a0h\u00a005',
    );
  });

  it('writes basis points as a percentage', () => {
    expect(formatBasisPoints(0)).toBe('0,00\u00a0%');
    expect(formatBasisPoints(1_250)).toBe('12,50\u00a0%');
  });

  it('puts no-break spaces before : ; ! ? and inside guillemets, not in times', () => {
    expect(frenchSpacing('Objet : « lot » ; oui ! non ? 12:00')).toBe(
      'Objet\u00a0: «\u00a0lot\u00a0»\u202f; oui\u202f! non\u202f? 12:00',
    );
  });
});
