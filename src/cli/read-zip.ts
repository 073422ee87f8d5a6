// Owns reading an export zip's files back (yauzl): the checking command and the tests read what was written.
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

/** Every file in the zip, by name. */
export async function readZip(data: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true });
  const files = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStreamPromise(entry)
        .then((stream) => buffer(stream))
        .then((content) => {
          files.set(entry.fileName, content.toString('utf8'));
          zip.readEntry();
        }, reject);
    });
    zip.readEntry();
  });
  zip.close();
  return files;
}
