/** One problem of a refused input, by the path of the field it concerns. */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

/** The api's error body: a code, a message in French, and for refused input the problems. */
interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  problems?: Problem[];
  details?: Record<string, unknown>;
}

/** An api refusal, carrying what the person must read and each field's problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

const GENERIC: Record<number, string> = {
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas accès à cette action.',
  404: 'Introuvable : l’élément a peut-être été supprimé.',
  429: 'Trop de demandes : patientez une minute.',
};

function toApiError(error: unknown, response: Response): ApiError {
  const body = (typeof error === 'object' && error !== null ? error : {}) as ErrorBody;
  const message =
    body.message ??
    GENERIC[response.status] ??
    `Le serveur n’a pas pu répondre (erreur ${response.status}). Réessayez dans un instant.`;
  return new ApiError(
    response.status,
    body.code ?? String(response.status),
    message,
    body.problems ?? [],
    body.details ?? {},
  );
}

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError thrown for the caller (TanStack Query
 * shows it). Keeps every call site to one line.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}

/** The message to show for any failure, an api refusal or the network being down. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Le serveur est injoignable : vérifiez votre connexion.';
  return 'Une erreur inattendue est survenue.';
}
