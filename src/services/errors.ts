/**
 * An expected failure of a use case, in paymux's words. Each HTTP dialect (V2, V1, console)
 * renders it its own way; the message is bilingual because the console shows it to people.
 */
export type ServiceErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'LOCKED';

export interface Bilingual {
  ko: string;
  en: string;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    readonly text: Bilingual,
    /** The input field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(text.en);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: Bilingual): ServiceError => new ServiceError('NOT_FOUND', what);
export const forbidden = (): ServiceError =>
  new ServiceError('FORBIDDEN', { ko: '이 작업을 할 권한이 없습니다.', en: 'Your role does not allow this action.' });
export const invalidInput = (field: string, text: Bilingual): ServiceError => new ServiceError('INVALID_INPUT', text, field);
