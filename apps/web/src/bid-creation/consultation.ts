// The "Saisir la consultation" form: its values (text as typed), the checks the api makes (so
// that mistakes show next to their field before sending), and the scenario file it builds.

import { z } from 'zod';
import { decimalValue } from '@cordage/domain/french-decimal';
import { parseEuros } from '../ui/format';
import { CONSORTIUM_FORM, ORGANISATION_KIND } from '../ui/labels';
import { toFieldPath } from '../ui/problems';
import { sentence } from '../ui/sentence';
import { IDENTIFIER_SCHEMES, identifierProblem, normalizeIdentifier } from '../ui/identifiers';
import { parisIso } from './parisTime';
import { RESERVATION } from './words';

/** "1 200", "12,5" -> 1200, 12.5; null when not a number (or one that reads two ways). */
export const parseNumber = (text: string): number | null => decimalValue(text);

/** Whole numbers only ("1 200" -> 1200). */
export const parseWhole = (text: string): number | null => decimalValue(text, { integer: true });

const SITE_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const text = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max, `${max} caractères au plus.`);

/** Optional positive whole number: empty, or 1, 2, 3… */
const optionalCount = z
  .string()
  .refine((value) => value.trim() === '' || (parseWhole(value) ?? 0) > 0, {
    error: 'Un nombre entier supérieur à zéro, ou laissez vide.',
  });

const cellSchema = z.object({
  kind: z.enum(['territory', 'site']),
  /** Official territory (kind "territory"): its qualified code. */
  territory: z.string(),
  /** Custom site (kind "site"): its identifier, its name and the territory it lies in. */
  slug: z.string().trim(),
  label: z.string().trim(),
  parent: z.string(),
  demandHours: z
    .string()
    .min(1, 'Indiquez le nombre d’heures demandées.')
    .refine((value) => (parseNumber(value) ?? 0) > 0, {
      error: 'Un nombre d’heures supérieur à zéro (par exemple 1 200 ou 12,5).',
    }),
});

const lotSchema = z.object({
  number: z
    .string()
    .min(1, 'Indiquez le numéro du lot.')
    .refine(
      (value) => {
        const number = parseWhole(value);
        return number !== null && number >= 1 && number <= 9999;
      },
      { error: 'Le numéro de lot est un entier de 1 à 9 999.' },
    ),
  title: text(300, 'Indiquez l’intitulé du lot.'),
  amount: z
    .string()
    .min(1, 'Indiquez le montant du lot.')
    .refine((value) => parseEuros(value) !== null, {
      error: 'Montant invalide : écrivez par exemple 480 000,00 (deux décimales au plus).',
    })
    .refine((value) => (parseEuros(value) ?? 1) > 0, {
      error: 'Le montant du lot doit être supérieur à zéro.',
    }),
  insertionHours: z
    .string()
    .min(1, 'Indiquez les heures d’insertion (0 s’il n’y en a pas).')
    .refine((value) => parseWhole(value) !== null, {
      error: 'Un nombre entier d’heures, 0 ou plus.',
    }),
  cells: z.array(cellSchema),
});

const identified = {
  idScheme: z.enum(IDENTIFIER_SCHEMES),
  id: z.string(),
};

export const consultationSchema = z
  .object({
    tender: z.object({
      reference: text(100, 'Indiquez la référence de la consultation.'),
      title: text(500, 'Indiquez l’intitulé de la consultation.'),
      buyer: z.object({ name: text(300, 'Indiquez le nom de l’acheteur.'), ...identified }),
      deadlineDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez la date limite de remise des offres.'),
      deadlineTime: z.string().regex(/^\d{2}:\d{2}$/, 'Indiquez l’heure limite (heure de Paris).'),
      reserved: z.enum(Object.keys(RESERVATION) as [string, ...string[]]),
      exclusiveMembership: z.boolean(),
      lots: z.array(lotSchema),
    }),
    consortium: z.object({
      form: z.string().refine((form) => form in CONSORTIUM_FORM, {
        error: 'Choisissez la forme du groupement.',
      }),
      rules: z.object({
        minMembers: optionalCount,
        maxMembers: optionalCount,
        minSmallMembers: optionalCount,
        /** The territorial coverage applies when a count is given; the level says what counts. */
        coverageCount: optionalCount,
        coverageLevel: z.enum(['DEPARTEMENT', 'PROVINCE', 'REGION']),
        smallBelowEmployees: z.string().refine((value) => (parseWhole(value) ?? 0) > 0, {
          error: 'Un nombre entier de salariés supérieur à zéro (100 par défaut).',
        }),
        maxTotal: z
          .string()
          .refine((value) => value.trim() === '' || (parseEuros(value) ?? 0) > 0, {
            error:
              'Un montant supérieur à zéro, par exemple 1 000 000,00 (deux décimales au plus), ou laissez vide.',
          }),
      }),
    }),
    mandataire: z.object({
      key: text(64, 'Indiquez une clé courte, par exemple ei-plaine.'),
      legalName: text(300, 'Indiquez la raison sociale.'),
      ...identified,
      kind: z.string().refine((kind) => kind in ORGANISATION_KIND, {
        error: 'Choisissez le type de structure.',
      }),
      employees: z
        .string()
        .min(1, 'Indiquez l’effectif salarié.')
        .refine((value) => parseWhole(value) !== null, {
          error: 'Un nombre entier de salariés, 0 ou plus.',
        }),
      home: z.string().min(1, 'Choisissez le territoire du siège dans la liste.'),
      representative: z.object({
        name: text(200, 'Indiquez le nom du représentant.'),
        title: text(200, 'Indiquez sa fonction (par exemple Directrice).'),
        email: z
          .string()
          .trim()
          .min(1, 'Indiquez son adresse e-mail.')
          .pipe(z.email('Cette adresse e-mail n’est pas valide (exemple : nom@structure.fr).')),
      }),
    }),
  })
  .superRefine(
    (values, ctx) => {
      const report = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      for (const [owner, path] of [
        [values.tender.buyer, ['tender', 'buyer', 'id']],
        [values.mandataire, ['mandataire', 'id']],
      ] as const) {
        const problem = identifierProblem(owner.idScheme, owner.id);
        if (problem) report([...path], sentence(problem));
      }
      // Between items, as the api checks them: lot numbers and a lot's territories are unique.
      const numbers = new Set<number>();
      values.tender.lots.forEach((lot, lotIndex) => {
        const number = parseWhole(lot.number);
        if (number !== null && numbers.has(number)) {
          report(['tender', 'lots', lotIndex, 'number'], `Le lot ${number} existe déjà.`);
        }
        if (number !== null) numbers.add(number);
        const codes = new Set<string>();
        lot.cells.forEach((cell, cellIndex) => {
          const at = (field: string) => ['tender', 'lots', lotIndex, 'cells', cellIndex, field];
          if (cell.kind === 'territory') {
            if (!cell.territory) report(at('territory'), 'Choisissez un territoire dans la liste.');
            else if (codes.has(cell.territory)) {
              report(at('territory'), 'Ce territoire figure déjà dans ce lot.');
            }
            codes.add(cell.territory);
            return;
          }
          const slug = cell.slug.trim();
          if (!slug)
            report(at('slug'), 'Indiquez un identifiant pour le site, par exemple col-jean-vilar.');
          else if (!SITE_SLUG.test(slug)) {
            report(
              at('slug'),
              'Lettres sans accent, chiffres, - et _ seulement, sans espace (64 caractères au plus), en commençant par une lettre ou un chiffre.',
            );
          } else if (codes.has(`SITE:${slug}`))
            report(at('slug'), 'Ce site figure déjà dans ce lot.');
          codes.add(`SITE:${slug}`);
          if (!cell.label.trim()) report(at('label'), 'Indiquez le nom du site.');
          else if (cell.label.trim().length > 200) report(at('label'), '200 caractères au plus.');
          if (!cell.parent)
            report(at('parent'), 'Choisissez dans la liste le territoire où se trouve le site.');
        });
      });
    },
    // Run with the other fields' problems, so that every mistake shows at once.
    { when: () => true },
  );

export type ConsultationValues = z.input<typeof consultationSchema>;
export type CellValues = ConsultationValues['tender']['lots'][number]['cells'][number];
export type LotValues = ConsultationValues['tender']['lots'][number];

export const newCell = (kind: CellValues['kind']): CellValues => ({
  kind,
  territory: '',
  slug: '',
  label: '',
  parent: '',
  demandHours: '',
});

export const newLot = (number: number): LotValues => ({
  number: String(number),
  title: '',
  amount: '',
  insertionHours: '0',
  cells: [newCell('territory')],
});

export const emptyConsultation: ConsultationValues = {
  tender: {
    reference: '',
    title: '',
    buyer: { name: '', idScheme: 'SIRET', id: '' },
    deadlineDate: '',
    deadlineTime: '12:00',
    reserved: 'NONE',
    exclusiveMembership: false,
    lots: [newLot(1)],
  },
  consortium: {
    form: 'CONJOINT_MANDATAIRE_SOLIDAIRE',
    rules: {
      minMembers: '',
      maxMembers: '',
      minSmallMembers: '',
      smallBelowEmployees: '100',
      coverageCount: '',
      coverageLevel: 'DEPARTEMENT',
      maxTotal: '',
    },
  },
  mandataire: {
    key: '',
    legalName: '',
    idScheme: 'SIRET',
    id: '',
    kind: '',
    employees: '',
    home: '',
    representative: { name: '', title: '', email: '' },
  },
};

/** Checked values, as parsed by the schema; every parse below succeeds. */
type Checked = z.output<typeof consultationSchema>;

const whole = (value: string) => parseWhole(value) as number;
const optionalWhole = (value: string) => (value.trim() === '' ? undefined : whole(value));

/** The tender as the scenario file (and a renewal) writes it. */
export function toTender(tender: Checked['tender']) {
  return {
    reference: tender.reference,
    title: tender.title,
    buyer: {
      name: tender.buyer.name,
      idScheme: tender.buyer.idScheme,
      id: normalizeIdentifier(tender.buyer.id),
    },
    deadline: parisIso(tender.deadlineDate, tender.deadlineTime),
    reserved: tender.reserved,
    exclusiveMembership: tender.exclusiveMembership,
    lots: tender.lots.map((lot) => ({
      number: whole(lot.number),
      title: lot.title,
      amountCents: parseEuros(lot.amount) as number,
      insertionHours: whole(lot.insertionHours),
      cells: lot.cells.map((cell) =>
        cell.kind === 'territory'
          ? { territory: cell.territory, demandHours: parseNumber(cell.demandHours) as number }
          : {
              territory: `SITE:${cell.slug}`,
              parent: cell.parent,
              label: cell.label,
              demandHours: parseNumber(cell.demandHours) as number,
            },
      ),
    })),
  };
}

/** The cordage.scenario/1 file the api imports (offers, limits and subcontracts come later). */
export function toScenario(values: Checked) {
  const { tender, consortium, mandataire } = values;
  const maxTotal = consortium.rules.maxTotal.trim();
  const coverageCount = optionalWhole(consortium.rules.coverageCount);
  return {
    format: 'cordage.scenario/1',
    tender: toTender(tender),
    consortium: {
      form: consortium.form,
      mandataire: mandataire.key,
      rules: {
        minMembers: optionalWhole(consortium.rules.minMembers),
        maxMembers: optionalWhole(consortium.rules.maxMembers),
        minSmallMembers: optionalWhole(consortium.rules.minSmallMembers),
        smallBelowEmployees: whole(consortium.rules.smallBelowEmployees),
        minCoverage:
          coverageCount === undefined
            ? undefined
            : { level: consortium.rules.coverageLevel, count: coverageCount },
        maxTotalCents: maxTotal === '' ? undefined : (parseEuros(maxTotal) as number),
      },
    },
    organizations: [
      {
        key: mandataire.key,
        legalName: mandataire.legalName,
        idScheme: mandataire.idScheme,
        id: normalizeIdentifier(mandataire.id),
        kind: mandataire.kind,
        employees: whole(mandataire.employees),
        home: mandataire.home,
        representative: mandataire.representative,
      },
    ],
    offers: [],
    limits: [],
    subcontracts: [],
  };
}

const SAME_NAME = new Set([
  'tender.reference',
  'tender.title',
  'tender.reserved',
  'tender.exclusiveMembership',
  'tender.buyer.name',
  'tender.buyer.idScheme',
  'tender.buyer.id',
  'consortium.form',
  'consortium.rules.minMembers',
  'consortium.rules.maxMembers',
  'consortium.rules.minSmallMembers',
  'consortium.rules.smallBelowEmployees',
]);

/**
 * The form field an api problem concerns (`tender.lots[0].cells[1].territory`,
 * `organizations[0].id`…), or null to show it above the form. A site's `territory` is its
 * identifier field, and the mandataire is the scenario's only organisation.
 */
export function fieldOfProblem(apiPath: string, values: ConsultationValues): string | null {
  const path = toFieldPath(apiPath);
  if (SAME_NAME.has(path)) return path;
  if (path === 'tender.deadline') return 'tender.deadlineDate';
  if (path === 'consortium.mandataire') return 'mandataire.key';
  if (path === 'consortium.rules.maxTotalCents') return 'consortium.rules.maxTotal';
  if (path === 'consortium.rules.minCoverage.count') return 'consortium.rules.coverageCount';
  if (path === 'consortium.rules.minCoverage.level') return 'consortium.rules.coverageLevel';

  const field = /^organizations\.0\.(.+)$/.exec(path)?.[1];
  if (field !== undefined) {
    const known = [
      'key',
      'legalName',
      'idScheme',
      'id',
      'kind',
      'employees',
      'home',
      'representative.name',
      'representative.title',
      'representative.email',
    ];
    return known.includes(field) ? `mandataire.${field}` : null;
  }

  const lot = /^tender\.lots\.(\d+)\.(number|title|amountCents|insertionHours)$/.exec(path);
  if (lot && values.tender.lots[Number(lot[1])]) {
    return `tender.lots.${lot[1]}.${lot[2] === 'amountCents' ? 'amount' : lot[2]}`;
  }

  const cell = /^tender\.lots\.(\d+)\.cells\.(\d+)\.(territory|parent|label|demandHours)$/.exec(
    path,
  );
  const cellValues = cell && values.tender.lots[Number(cell[1])]?.cells[Number(cell[2])];
  if (cell && cellValues) {
    const base = `tender.lots.${cell[1]}.cells.${cell[2]}`;
    const field = cell[3];
    if (field === 'demandHours') return `${base}.demandHours`;
    if (cellValues.kind === 'site') return `${base}.${field === 'territory' ? 'slug' : field}`;
    // An official territory has no parent nor label of its own: the problem is its territory.
    return `${base}.territory`;
  }
  return null;
}

const typedDecimal = (value: number) => String(value).replace('.', ',');
const typedEuros = (cents: number) =>
  `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** A tender's lots as the form types them, to start from those of a previous tender. */
export function lotValuesOf(
  lots: readonly {
    number: number;
    title: string;
    amountCents: number;
    insertionHours: number;
    cells: readonly {
      territory: string;
      parent: string | null;
      label: string | null;
      demandHours: number;
    }[];
  }[],
): LotValues[] {
  return lots.map((lot) => ({
    number: String(lot.number),
    title: lot.title,
    amount: typedEuros(lot.amountCents),
    insertionHours: String(lot.insertionHours),
    cells: lot.cells.map((cell) =>
      cell.territory.startsWith('SITE:')
        ? {
            ...newCell('site'),
            slug: cell.territory.slice('SITE:'.length),
            label: cell.label ?? '',
            parent: cell.parent ?? '',
            demandHours: typedDecimal(cell.demandHours),
          }
        : {
            ...newCell('territory'),
            territory: cell.territory,
            demandHours: typedDecimal(cell.demandHours),
          },
    ),
  }));
}
