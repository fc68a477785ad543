import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

/** Error codes the server puts into `extensions.code` that have a translated message. */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'RATE_LIMITED',
  'WINDOW_CLOSED',
  'TEMPLATE_NOT_APPROVED',
  'INSUFFICIENT_CREDITS',
  'PAYMENT_FAILED',
  'OPTED_OUT',
  'UPSTREAM',
] as const;

export function errorCodes(error: CombinedError | null | undefined): string[] {
  if (!error) return [];
  return error.graphQLErrors
    .map((e) => e.extensions?.code)
    .filter((c): c is string => typeof c === 'string');
}

export function hasErrorCode(error: CombinedError | null | undefined, code: string): boolean {
  return errorCodes(error).includes(code);
}

/**
 * One human-readable line per error. A known code gets its translated headline; the server's
 * own message follows it when it adds detail (e.g. which field failed validation).
 * Network failures get a generic translated message.
 */
export function errorMessages(error: CombinedError | null | undefined, t: TFunction): string[] {
  if (!error) return [];
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [t('errors.NETWORK')];
  }
  return error.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.code === 'string' ? e.extensions.code : undefined;
    const serverMessage = e.message;
    if (code && (KNOWN_ERROR_CODES as readonly string[]).includes(code)) {
      const headline = t(`errors.${code}`);
      // VALIDATION and CONFLICT messages carry the specifics; show them with the headline.
      if (
        (code === 'VALIDATION' ||
          code === 'CONFLICT' ||
          code === 'UPSTREAM' ||
          code === 'INSUFFICIENT_CREDITS' ||
          code === 'PAYMENT_FAILED') &&
        serverMessage
      ) {
        return `${headline}: ${serverMessage}`;
      }
      return headline;
    }
    return serverMessage || t('errors.UNKNOWN');
  });
}

export function errorMessage(error: CombinedError | null | undefined, t: TFunction): string | null {
  const msgs = errorMessages(error, t);
  return msgs.length ? msgs.join('\n') : null;
}
