import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentText, type PipelineDocument } from '../../../../shared/document';

/** A bundled example (resources/examples/<id>.pipewright.json), parsed. */
export function readExample(id: string): PipelineDocument {
  const path = join(__dirname, '../../../../resources/examples', `${id}.pipewright.json`);
  const parsed = parseDocumentText(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${id} does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.document;
}
