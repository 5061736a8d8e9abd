import { inspect } from 'node:util';

/**
 * A value that must never be printed: keys, secrets, card fields. It prints as `[secret]` through
 * toString, JSON and util.inspect (so pino and console.log are safe) and opens only with reveal().
 */
export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}

/** Shows enough of a secret to recognise it, never enough to use it: `abcd…wxyz`. */
export function maskSecret(value: string, visible = 4): string {
  if (value.length <= visible * 2) return '•'.repeat(value.length);
  return `${value.slice(0, visible)}…${value.slice(-visible)}`;
}
