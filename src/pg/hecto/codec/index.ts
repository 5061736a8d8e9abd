/** Hecto wire codec: pure functions and types, no I/O. */
export * from './constants.ts';
export * from './hash.ts';
export * from './aes.ts';
export * from './time.ts';
export * from './envelope.ts';
export * from './operations.ts';
export * from './messages.ts';
export * from './identifiers.ts';
export * from './rejectCodes.ts';
