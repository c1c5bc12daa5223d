import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { INT32_MAX } from '../../common/param.pipe';
import { compositionRuleCheck } from '../../allocations/dto/allocations.dto';
import {
  BID_EVENTS,
  BID_STATUSES,
  CHANGE_REQUEST_EVENTS,
  CHANGE_REQUEST_REASONS,
  CHANGE_REQUEST_STATUSES,
  NEXT_STEP_CODES,
  VOTE_CHOICES,
} from '@cordage/domain';

const reminderDays = z
  .array(z.number().int().min(1).max(60))
  .max(5)
  .describe(
    'Jours avant l’échéance où un rappel part à ceux qui n’ont pas agi (7 et 2 par défaut)',
  );

/** A step of the bid; the capacity call says when it closes, a proposal which version is voted. */
export class TransitionDto extends createZodDto(
  z
    .strictObject({
      event: z.enum(BID_EVENTS),
      capacityDeadline: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('OPEN_ / REOPEN_CAPACITY_CALL : quand l’appel à capacités se clôt de lui-même'),
      reminderDays: reminderDays.optional(),
      allocationVersion: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('PROPOSE : la version de la répartition soumise au vote'),
      acknowledgeUncovered: z
        .boolean()
        .optional()
        .describe(
          'PROPOSE : le coordinateur a pris connaissance de la part que la version ne confie ' +
            'à aucun membre (obligatoire quand il y en a une)',
        ),
    })
    .superRefine((step, ctx) => {
      const opensCall =
        step.event === 'OPEN_CAPACITY_CALL' || step.event === 'REOPEN_CAPACITY_CALL';
      if (opensCall && step.capacityDeadline === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['capacityDeadline'],
          message: 'la date de clôture de l’appel à capacités est obligatoire',
        });
      }
      if (step.event === 'PROPOSE' && step.allocationVersion === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocationVersion'],
          message: 'la version soumise au vote est obligatoire',
        });
      }
    }),
) {}

const voteState = z.object({
  versionNumber: z.number().int(),
  outcome: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
  explanation: z.string(),
  missing: z.array(z.string()).describe('Les membres qui n’ont pas encore voté'),
  votes: z.array(
    z.object({
      memberKey: z.string(),
      choice: z.enum(VOTE_CHOICES),
      comment: z.string().nullable(),
      votedAt: z.iso.datetime(),
    }),
  ),
});

export class WorkflowDto extends createZodDto(
  z.object({
    status: z.enum(BID_STATUSES),
    statusLabel: z.string(),
    nextEvents: z.array(z.enum(BID_EVENTS)).describe('Les étapes possibles depuis cet état'),
    applicationDeadline: z.iso.datetime(),
    capacityDeadline: z.iso.datetime().nullable(),
    reminderDays: z.array(z.number().int()),
    decisionRule: z.string(),
    composition: z
      .array(compositionRuleCheck)
      .describe(
        'Les règles de composition vérifiées sur les membres qui ont rejoint et leurs offres, ' +
          'chacune respectée ou non (la collecte ne se clôt que si toutes le sont)',
      ),
    vote: voteState.nullable(),
  }),
) {}

export class TransitionResultDto extends createZodDto(
  z.object({ from: z.enum(BID_STATUSES), event: z.enum(BID_EVENTS), to: z.enum(BID_STATUSES) }),
) {}

export class VoteDto extends createZodDto(
  z.strictObject({
    choice: z.enum(VOTE_CHOICES),
    comment: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .describe('Obligatoire pour une objection : ce qui ne va pas'),
  }),
) {}

export class VoteStateDto extends createZodDto(voteState) {}

export class CharterDto extends createZodDto(
  z.strictObject({
    title: z.string().trim().min(3).max(200),
    text: z.string().trim().min(10).max(100_000),
  }),
) {}

export class CharterPublishedDto extends createZodDto(z.object({ version: z.number().int() })) {}

export class CharterVersionsDto extends createZodDto(
  z.object({
    versions: z
      .array(
        z.object({
          version: z.number().int(),
          title: z.string(),
          text: z.string(),
          publishedAt: z.iso.datetime(),
          publishedBy: z.string().nullable().describe('Le nom de la personne qui l’a publiée'),
          acceptances: z
            .array(
              z.object({
                organisationId: z.uuid(),
                organisationName: z.string().describe('La raison sociale'),
                acceptedBy: z
                  .string()
                  .nullable()
                  .describe('Le nom de la personne qui l’a acceptée pour son organisation'),
                acceptedAt: z.iso.datetime(),
              }),
            )
            .describe('Les organisations qui ont accepté cette version, la plus ancienne d’abord'),
        }),
      )
      .describe('Toutes les versions, la plus récente (en vigueur) d’abord'),
  }),
) {}

export class BidCharterDto extends createZodDto(
  z.object({
    charter: z
      .object({ version: z.number().int(), title: z.string(), text: z.string() })
      .nullable()
      .describe('null : le réseau n’a pas de charte'),
    members: z.array(
      z.object({
        memberId: z.uuid(),
        memberKey: z.string(),
        acceptedVersion: z.number().int().nullable(),
      }),
    ),
  }),
) {}

export class CharterAcceptanceDto extends createZodDto(
  z.strictObject({ version: z.number().int().positive().describe('La version lue et acceptée') }),
) {}

export class ChangeRequestCreateDto extends createZodDto(
  z.strictObject({
    memberId: z.uuid().describe('Le membre qui quitte le groupement'),
    reason: z
      .enum(CHANGE_REQUEST_REASONS)
      .describe('MEMBER_UNABLE_TO_PERFORM ou RESTRUCTURING : les seules exceptions (R2142-26)'),
    justification: z.string().trim().min(10).max(5_000).describe('Ce qui s’est passé'),
  }),
) {}

export class ChangeRequestDto extends createZodDto(
  z.object({
    id: z.uuid(),
    memberId: z.uuid().nullable().describe('Le membre qui quitte le groupement (aucun : REPLAN)'),
    reason: z
      .enum([...CHANGE_REQUEST_REASONS, 'REPLAN'])
      .describe('REPLAN : une replanification mise au vote, aucun membre ne part'),
    replan: z.number().int().nullable().describe('REPLAN : le numéro de la replanification'),
    justification: z.string(),
    status: z.enum(CHANGE_REQUEST_STATUSES),
    amendmentNumber: z.number().int(),
    allocationVersion: z.number().int().nullable().describe('La nouvelle répartition choisie'),
    createdAt: z.iso.datetime(),
  }),
) {}

export class ChangeRequestTransitionDto extends createZodDto(
  z
    .strictObject({
      event: z.enum(CHANGE_REQUEST_EVENTS),
      allocationVersion: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('REALLOCATE : la version calculée entre les membres restants'),
    })
    .superRefine((step, ctx) => {
      if (step.event === 'REALLOCATE' && step.allocationVersion === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocationVersion'],
          message: 'la nouvelle version de la répartition est obligatoire',
        });
      }
    }),
) {}

export class ChangeRequestTransitionResultDto extends createZodDto(
  z.object({
    from: z.enum(CHANGE_REQUEST_STATUSES),
    event: z.enum(CHANGE_REQUEST_EVENTS),
    to: z.enum(CHANGE_REQUEST_STATUSES),
  }),
) {}

export class ReplanChangeCreateDto extends createZodDto(
  z.strictObject({
    replan: z
      .number()
      .int()
      .positive()
      .max(INT32_MAX)
      .describe('Le numéro de la replanification calculée à mettre au vote'),
    justification: z.string().trim().min(10).max(5_000).describe('Pourquoi replanifier'),
  }),
) {}

export class ReplanVoteStateDto extends createZodDto(
  voteState
    .omit({ versionNumber: true })
    .extend({ replan: z.number().int().describe('La replanification mise au vote') }),
) {}

export class NextStepDto extends createZodDto(
  z.object({
    bidId: z.uuid(),
    reference: z.string(),
    code: z.enum(NEXT_STEP_CODES),
    memberId: z.uuid().nullable().describe('Le membre pour qui agir, le cas échéant'),
    text: z.string(),
  }),
) {}
