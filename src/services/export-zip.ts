// Owns packing an export into one zip in memory (yazl, loaded on the first export: idle desks never need it):
// a readable report and the data beside it.

export async function zipEntries(entries: ReadonlyArray<{ readonly name: string; readonly content: string }>, at: Date): Promise<Buffer> {
  const { default: yazl } = await import('yazl');
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.content, 'utf8'), e.name, { mtime: at });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
