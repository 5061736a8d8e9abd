#!/usr/bin/env node
// `npm test`: every test/**/*.test.ts under node:test, TypeScript through tsx.
// Optional arguments narrow it: `npm test -- unit` runs the files whose path contains "unit".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const files = readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join('test', f))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();

if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ')}`);
  process.exit(1);
}

// The browser tests need the built console; build it once if `npm install` did not.
if (files.some((f) => f.includes('e2e')) && !existsSync(path.join(root, 'web/dist/index.html'))) {
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Runs node:test over `testFiles`, echoing its output as it comes; resolves with the exit code and the output. */
function runNodeTest(testFiles) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=3', '--test-timeout=120000', ...testFiles], {
      cwd: root,
      stdio: ['inherit', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const first = await runNodeTest(files);
if (first.code === 0) process.exit(0);

// V8 in Node 24 sometimes aborts a test process while freeing PGlite's WebAssembly code
// ("# Fatal error in , line 0 / Check failed: jit_page_->allocations_.erase(addr) == 1"), after
// every test in it passed. Only a file whose process died that way is run again, once, and the
// run says so; any failing assertion fails the run as before.
const v8Abort = /# Fatal error in .*\n[\s\S]*?Check failed: jit_page_->allocations_\.erase/;
const failedFiles = [...first.output.matchAll(/^test at (test\/\S+\.test\.ts):1:1$/gm)].map((m) => m[1]);
const failingAssertions = /^\s*✖ (?!test\/|failing tests:)/m.test(first.output);
if (!v8Abort.test(first.output) || failedFiles.length === 0 || failingAssertions) process.exit(first.code);

console.error(`\nrun-tests: V8 aborted a test process (a known Node 24 WebAssembly abort, no test failed); running ${failedFiles.join(', ')} once more\n`);
const second = await runNodeTest(failedFiles);
process.exit(second.code);
