// The one rule that carries the design: the core imports no adapter, SDK, HTTP or SQL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const FORBIDDEN_PACKAGES = /^(pg|express|pino|@slack\/|@microsoft\/|@electric-sql\/|node:(fs|http|https|net|child_process))/;
const rules: Array<{ folder: string; mayNotImport: RegExp; packages: RegExp }> = [
  { folder: 'domain', mayNotImport: /\/(adapters|store|http|cli|app|config|services|cards|policy)\//, packages: FORBIDDEN_PACKAGES },
  { folder: 'policy', mayNotImport: /\/(adapters|store|http|cli|app|config|services|cards)\//, packages: FORBIDDEN_PACKAGES },
  { folder: 'cards', mayNotImport: /\/(adapters|store|http|cli|app|config|services)\//, packages: FORBIDDEN_PACKAGES },
  { folder: 'services', mayNotImport: /\/(adapters|store|http|cli|app|config)\//, packages: FORBIDDEN_PACKAGES },
];

/** The web desk is a surface: it renders the neutral card and calls the services, and decides nothing itself. */
const WEB_MAY_NOT_IMPORT = /\/(adapters|cli|app)\/|\/domain\/(decide-case-command|decisions\/|guards|evolve-case)|\/services\/execute-case-command/;

describe('architecture', () => {
  for (const rule of rules) {
    it(`keeps src/${rule.folder} free of adapters, SDKs, HTTP and SQL`, () => {
      const leaks = filesUnder(join(SRC, rule.folder)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => rule.packages.test(spec) || (spec.startsWith('.') && rule.mayNotImport.test(`/${relative(SRC, join(file, '..', spec))}`.replace(/\\/g, '/').replace(/^\/?/, '/'))))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
      expect(leaks).toEqual([]);
    });
  }

  it('keeps src/web a surface: no chat adapter, SDK, or decision of the core is imported there', () => {
    const leaks = filesUnder(join(SRC, 'web')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(@slack\/|@microsoft\/)/.test(spec) || (spec.startsWith('.') && WEB_MAY_NOT_IMPORT.test(`/${relative(SRC, join(file, '..', spec))}`.replace(/\\/g, '/'))))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(leaks).toEqual([]);
    expect(importsOf(join(SRC, 'web/pages/case-pages.ts'))).toContain('../../services/handle-card-action.js');
  });

  it('finds imports at all (the check is not vacuous)', () => {
    expect(importsOf(join(SRC, 'services/execute-case-command.ts'))).toContain('../domain/decide-case-command.js');
  });
});
