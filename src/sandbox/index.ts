/** The Hecto testbed simulator. */
export { createSandbox, startSandbox, type Sandbox, type SandboxOptions, type RunningSandbox, type StartSandboxOptions } from './server.ts';
export { TEST_CARDS, type TestCard } from './testCards.ts';
export type { TransactionView } from './ledger.ts';
