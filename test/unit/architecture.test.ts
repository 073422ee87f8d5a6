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

  it('keeps the adapters pointing inward: no adapter imports the composition root (app/) or a CLI, and Slack and Teams never import each other', () => {
    const leaks = filesUnder(join(SRC, 'adapters')).flatMap((file) => {
      const from = relative(SRC, file).replace(/\\/g, '/');
      return importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(SRC, join(file, '..', spec)).replace(/\\/g, '/'))
        .filter((to) => /^(app|cli)\//.test(to) || (from.startsWith('adapters/slack/') && to.startsWith('adapters/teams/')) || (from.startsWith('adapters/teams/') && to.startsWith('adapters/slack/')))
        .map((to) => `${from} imports ${to}`);
    });
    expect(leaks).toEqual([]);
  });

  // SQL outside store/: the network connectors' state moved to store/ in session 16 (its ports:
  // services/network-state-ports.ts). The Teams conversation references stay: they are the Teams SDK's own shape,
  // Teams-only state, and the store knows no SDK. No other adapter joins it.
  const ADAPTERS_WITH_SQL = ['adapters/teams/pg-conversation-ref-repository.ts'];
  it('lets no adapter import the store but the one that holds SQL today', () => {
    const reaching = filesUnder(join(SRC, 'adapters')).flatMap((file) => {
      const from = relative(SRC, file).replace(/\\/g, '/');
      const store = importsOf(file).filter((spec) => spec.startsWith('.') && relative(SRC, join(file, '..', spec)).replace(/\\/g, '/').startsWith('store/'));
      return store.length ? [from] : [];
    });
    expect(reaching.sort()).toEqual(ADAPTERS_WITH_SQL);
  });

  it('has no import cycles: each module can be read, and loaded, after what it imports', () => {
    expect(importCycles(filesUnder(SRC))).toEqual([]);
  });

  it('finds imports at all (the check is not vacuous)', () => {
    expect(importsOf(join(SRC, 'services/execute-case-command.ts'))).toContain('../domain/decide-case-command.js');
  });
});

/**
 * Every cycle among the files' relative imports (type-only imports too: a cycle of types is still two concepts that
 * cannot be read apart), each as "a → b → … → a", found by depth-first search: at least one for every loop of files.
 */
function importCycles(files: readonly string[]): string[] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((spec) => spec.startsWith('.')).map((spec) => join(file, '..', spec).replace(/\.js$/, '.ts')).filter((to) => known.has(to))]));
  const done = new Set<string>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file].map((f) => relative(SRC, f).replace(/\\/g, '/')).join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const to of edges.get(file) ?? []) visit(to, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return cycles;
}
