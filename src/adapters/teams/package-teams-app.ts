// Owns building the app package a Teams admin uploads: manifests/teams/manifest.json with this bot's app id
// filled in, checked against Microsoft's schema when the validator is installed, zipped with the two icons.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

export const MANIFEST_DIR = fileURLToPath(new URL('../../../manifests/teams/', import.meta.url));
export const PACKAGE_PATH = join(MANIFEST_DIR, 'build', 'mention-desk-teams.zip');
const ICONS = ['color.png', 'outline.png'] as const;
/** The same inputs give the same zip (zip dates start in 1980). */
const FIXED_TIME = new Date('2024-01-01T00:00:00Z');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {
  override readonly name = 'PackageError';
}

/**
 * The template with the Teams app id, the bot id and webApplicationInfo set to the Azure Bot registration's app id.
 * webApplicationInfo is what lets the app use Graph application permissions such as
 * TeamsAppInstallation.ReadWriteSelfForUser.All (Microsoft's proactive-installation guide).
 */
export function fillManifest(template: Record<string, unknown>, appId: string): Record<string, unknown> {
  if (!GUID.test(appId)) throw new PackageError(`MICROSOFT_APP_ID must be the bot's Microsoft App ID, a GUID like 0b1c2d3e-…; got "${appId}".`);
  const bots = (template['bots'] as Array<Record<string, unknown>>).map((b) => ({ ...b, botId: appId }));
  const webApplicationInfo = template['webApplicationInfo'] ? { id: appId, resource: `api://botid-${appId}` } : undefined;
  return { ...template, id: appId, bots, ...(webApplicationInfo ? { webApplicationInfo } : {}) };
}

/** Microsoft's validator (a dev dependency) when installed; null when it is not, so packaging still works. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[] | null> {
  let utils: { validateAgainstSchema(m: unknown): Promise<string[]> };
  try {
    ({ AppManifestUtils: utils } = (await import('@microsoft/app-manifest')) as unknown as { AppManifestUtils: typeof utils });
  } catch {
    return null;
  }
  return utils.validateAgainstSchema(manifest);
}

export interface PackageResult {
  readonly path: string;
  readonly manifest: Record<string, unknown>;
  readonly validated: boolean;
}

export async function packageTeamsApp(appId: string, out = PACKAGE_PATH, dir = MANIFEST_DIR): Promise<PackageResult> {
  const template = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = fillManifest(template, appId);
  const problems = await validateManifest(manifest);
  if (problems?.length) throw new PackageError(`manifests/teams/manifest.json does not pass Microsoft's schema:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const zip = new yazl.ZipFile();
  // Teams wants the three files at the root of the zip, no folder.
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime: FIXED_TIME });
  for (const icon of ICONS) zip.addBuffer(await readFile(join(dir, icon)), icon, { mtime: FIXED_TIME });
  zip.end();
  await mkdir(dirname(out), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(out));
  return { path: out, manifest, validated: problems !== null };
}
