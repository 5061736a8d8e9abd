#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so there is no server build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
