// npm run build: compiles src/ to dist/ and copies the files the code reads at run time (the default policy),
// so `node dist/main.js` and `node dist/cli/*.js` run with production dependencies only.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
/** Files next to the sources that the code opens by path (new URL(…, import.meta.url)). */
const ASSET = /\.(ya?ml|json)$/;

// A file deleted from src/ must not live on in dist/.
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

const copied = [];
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !ASSET.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)));
  copied.push(relative(root, from));
}
console.log(`built dist/ (copied ${copied.join(', ') || 'no assets'})`);
