import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ExampleInfo } from '../../shared/api/contract';
import { readDocumentFile } from './document-file';
import { DOCUMENT_SUFFIX } from './paths';

/**
 * The example pipelines shipped in `resources/examples/*.pipewright.json`, in file-name order.
 * An example that does not parse is left out with a warning rather than breaking the list.
 */
export async function listExamples(
  examplesDir: string,
  warn: (message: string) => void = () => undefined,
): Promise<ExampleInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(examplesDir);
  } catch (error) {
    warn(`Could not list examples in ${examplesDir}: ${(error as Error).message}`);
    return [];
  }
  const examples: ExampleInfo[] = [];
  for (const name of names.filter((n) => n.endsWith(DOCUMENT_SUFFIX)).sort()) {
    const result = await readDocumentFile(join(examplesDir, name));
    if (!result.ok) {
      const first = result.errors[0];
      warn(`Example ${name} was skipped: ${first?.path ? `${first.path}: ` : ''}${first?.message}`);
      continue;
    }
    examples.push({
      id: name.slice(0, -DOCUMENT_SUFFIX.length),
      name: result.document.name,
      description: result.document.description ?? '',
      document: result.document,
    });
  }
  return examples;
}
