// Runs before `npm start`: builds the console once if `npm install` could not (e.g. --ignore-scripts).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  console.log('paymux: building the console (first start)…');
  execSync('npm run build:web', { stdio: 'inherit' });
}
