import { createZodDto } from '../../common/zod-dto';
import { z } from 'zod';
import { isAppPath } from '@cordage/domain';

/** Addresses are pasted with stray spaces and capitals: tidy them before checking. */
export const emailAddress = z.string().trim().toLowerCase().pipe(z.email());

export class LoginLinkRequestDto extends createZodDto(z.strictObject({ email: emailAddress })) {}

export class SessionRequestDto extends createZodDto(
  z.strictObject({
    token: z.string().min(20).max(100).describe('Le jeton du lien reçu par mail'),
    next: z
      .string()
      .max(200)
      .refine(isAppPath, 'une adresse de Cordage commençant par /')
      .optional()
      .describe('La page de l’application où aller ensuite (formulaire de la page du lien)'),
  }),
) {}

export class MeDto extends createZodDto(
  z.object({
    user: z.object({
      id: z.uuid(),
      email: z.email(),
      platformAdmin: z.boolean(),
    }),
    roles: z.object({
      coordinatorOf: z.array(z.uuid()).describe('Réseaux coordonnés'),
      editorOf: z.array(z.uuid()).describe('Organisations dont vous éditez les données'),
      signatoryOf: z.array(z.uuid()).describe('Organisations pour lesquelles vous signez'),
      viewerOfBids: z.array(z.uuid()),
      viewerOfNetworks: z.array(z.uuid()),
    }),
    networks: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .describe('Les réseaux que vous coordonnez ou observez, par nom'),
    csrfToken: z
      .string()
      .describe('À renvoyer dans l’en-tête X-CSRF-Token des requêtes qui modifient'),
  }),
) {}

export class SessionsClosedDto extends createZodDto(
  z.object({ sessionsClosed: z.number().int() }),
) {}
