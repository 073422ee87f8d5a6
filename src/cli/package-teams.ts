// Owns `npm run package:teams`: the zip a Teams admin uploads (manifest with MICROSOFT_APP_ID, two icons),
// written to manifests/teams/build/mention-desk-teams.zip.
import { relative } from 'node:path';
import { PackageError, packageTeamsApp } from '../adapters/teams/package-teams-app.js';

/** Reads only what packaging needs; the desk's full configuration (passwords, database) is not required here. */
export function readPackageEnv(env: Record<string, string | undefined> = process.env): { appId: string } {
  const appId = env['MICROSOFT_APP_ID']?.trim();
  if (!appId) throw new PackageError('Set MICROSOFT_APP_ID to the Microsoft App ID of your Azure Bot (Azure portal > your bot > Configuration), then run npm run package:teams again.');
  return { appId };
}

async function main(): Promise<void> {
  const { appId } = readPackageEnv();
  const result = await packageTeamsApp(appId);
  console.log(`Wrote ${relative(process.cwd(), result.path)} for app ${appId}${result.validated ? ', manifest checked against Microsoft\'s schema' : ' (schema not checked: @microsoft/app-manifest is not installed)'}.`);
  console.log('Upload it in Teams: Apps > Manage your apps > Upload an app (or the Teams admin centre > Manage apps > Upload).');
}

main().catch((e: unknown) => {
  console.error(e instanceof PackageError ? e.message : `package:teams failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
