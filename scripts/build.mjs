// npm run build [-- --out DIR]: compiles src/ to dist/ (or DIR) and copies the files the code reads at run time
// (the default policy), so `node dist/main.js` and `node dist/cli/*.js` run with production dependencies only.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outAt = process.argv.indexOf('--out');
const dist = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'dist');
/** Files next to the sources that the code opens by path (new URL(…, import.meta.url)). */
const ASSET = /\.(ya?ml|json)$/;
/** The web desk's templates and its browser files (served as they are, never compiled). */
const WEB_FILE = /[\\/]web[\\/](views[\\/].+\.njk|assets[\\/].+\.(css|js))$/;

// A file deleted from src/ must not live on in dist/.
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit', cwd: root });

const copied = [];
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  const from = join(entry.parentPath, entry.name);
  if (!entry.isFile() || !(ASSET.test(entry.name) || WEB_FILE.test(from))) continue;
  cpSync(from, join(dist, relative(src, from)));
  copied.push(relative(root, from));
}
console.log(`built ${relative(root, dist) || dist} (copied ${copied.join(', ') || 'no assets'})`);
