import { documentSchema, type PipelineDocument } from './schema';

/**
 * Writes a document as canonical JSON: keys in schema order, two-space indent, final newline.
 * Saving a loaded document unchanged therefore gives identical bytes. Throws on an invalid
 * document, so nothing invalid ever reaches disk.
 */
export function serializeDocument(doc: PipelineDocument): string {
  // zod builds objects in shape order, which gives the canonical key order for free.
  const canonical = documentSchema.parse(doc);
  return `${JSON.stringify(canonical, null, 2)}\n`;
}
