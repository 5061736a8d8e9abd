// The Hecto simulator alone in its own process for the payments benchmark (no ledger file, no
// nightly timer), so that paymux's event loop does only paymux's work, as against the real Hecto.
// Prints its URL on stdout once it listens.
import { startSandbox } from '../src/sandbox/server.ts';

const sandbox = await startSandbox({ port: 0, nightly: false });
process.stdout.write(`${sandbox.url}\n`);
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
