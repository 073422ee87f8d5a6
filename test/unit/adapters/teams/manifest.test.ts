// The Teams app package a council uploads: the manifest passes Microsoft's own validator (@microsoft/app-manifest,
// schema bundled, offline), the icons are the sizes Teams asks for, and package:teams zips them with the app id.
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { fillManifest, MANIFEST_DIR, packageTeamsApp, PackageError } from '../../../../src/adapters/teams/package-teams-app.js';
import { DESK_HELP } from '../../../../src/services/desk-queries.js';

const APP_ID = '0b1c2d3e-0000-4000-8000-00000000b07a';
const template = JSON.parse(await readFile(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
// The schema the manifest names, read from the validator's own bundle: nothing goes to the network.
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
const schema = JSON.parse((await readFile(schemaPath, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

function png(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25];
  const idat = buf.subarray(buf.indexOf('IDAT') + 4, buf.indexOf('IEND') - 8);
  const raw = inflateSync(idat);
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.push([...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)]);
  return { width, height, colourType, pixels };
}

describe('manifests/teams', () => {
  it('uses a current schema and passes Microsoft\'s validator, as committed and with an app id filled in', async () => {
    expect(template['$schema']).toBe('https://developer.microsoft.com/json-schemas/teams/v1.23/MicrosoftTeams.schema.json');
    expect(await AppManifestUtils.validateAgainstSchema(template as unknown as AppManifest, schema)).toEqual([]);
    const filled = fillManifest(template, APP_ID);
    expect(filled).toMatchObject({ id: APP_ID, bots: [{ botId: APP_ID, scopes: ['team', 'personal', 'groupChat'], needsChannelSelector: true }] });
    // Graph application permissions (installing the app for a person) need the Entra app named here.
    expect(filled['webApplicationInfo']).toEqual({ id: APP_ID, resource: `api://botid-${APP_ID}` });
    // Resource-specific consent, given by the team owner as the app is added: reading the channel for a card whose
    // answer was lost (find-teams-message.ts), so it is not posted twice.
    expect(filled['authorization']).toEqual({ permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }, { name: 'ChatMessage.Read.Chat', type: 'Application' }] } });
    expect(await AppManifestUtils.validateAgainstSchema(filled as unknown as AppManifest, schema)).toEqual([]);
    // The validator does catch mistakes: no silent pass.
    expect(await AppManifestUtils.validateAgainstSchema({ ...filled, accentColor: 'green' } as unknown as AppManifest, schema)).not.toEqual([]);
  });

  it('offers only commands the desk answers', () => {
    const verbs = DESK_HELP.map(([verb]) => verb.split(' ')[0]);
    const commands = (template['bots'] as Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>)[0]!.commandLists[0]!.commands.map((c) => c.title);
    for (const c of commands) expect(verbs).toContain(c);
  });

  it('has a 192x192 colour icon and a 32x32 outline that is white on transparent', async () => {
    const colour = png(await readFile(join(MANIFEST_DIR, 'color.png')));
    expect([colour.width, colour.height, colour.colourType]).toEqual([192, 192, 6]);
    expect(colour.pixels.every((p) => p[3] === 255)).toBe(true);
    const outline = png(await readFile(join(MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    const drawn = outline.pixels.filter((p) => p[3]! > 0);
    expect(drawn.length).toBeGreaterThan(100);
    expect(drawn.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    expect(outline.pixels.filter((p) => p[3] === 0).length).toBeGreaterThan(300);
  });

  it('packages the manifest with the app id and both icons at the root of a zip, and refuses a bad app id', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'teams-pkg-')), 'app.zip');
    const result = await packageTeamsApp(APP_ID, out);
    expect(result).toMatchObject({ path: out, validated: true, manifest: { id: APP_ID } });
    const zip = await readFile(out);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    // Central directory entries: signature PK\x01\x02, name length at +28, name at +46.
    const names: string[] = [];
    for (let at = zip.indexOf('PK\x01\x02'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4)) names.push(zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)));
    expect(names).toEqual(['manifest.json', 'color.png', 'outline.png']);
    await expect(packageTeamsApp('not-a-guid', out)).rejects.toThrow(PackageError);
  });
});
