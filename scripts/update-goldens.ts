/**
 * Rewrites the golden files of code generation: for every example in resources/examples/, the
 * project `generateProject` makes, under test/fixtures/codegen/<example>/. Run it after an
 * intended change to the generated code, then read the diff before committing it:
 *
 *   npx tsx scripts/update-goldens.ts
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProject } from '../shared/codegen';
import { parseDocumentText } from '../shared/document';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'resources', 'examples');
const goldens = join(root, 'test', 'fixtures', 'codegen');

for (const name of readdirSync(examples)
  .filter((f) => f.endsWith('.pipewright.json'))
  .sort()) {
  const id = name.replace(/\.pipewright\.json$/, '');
  const parsed = parseDocumentText(readFileSync(join(examples, name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  const files = await generateProject(parsed.document);
  const out = join(goldens, id);
  rmSync(out, { recursive: true, force: true });
  for (const file of files) {
    const target = join(out, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  console.log(`${id}: ${files.length} files`);
}
