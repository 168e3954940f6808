import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatWithPrettier,
  generateProject,
  type PrettierParser,
} from '../../../../shared/codegen';
import { parseDocumentText } from '../../../../shared/document';

/**
 * Every example's generated project, byte for byte, against test/fixtures/codegen/<example>/.
 * After an intended change to the generated code: `npx tsx scripts/update-goldens.ts`, then read
 * the diff.
 */

const root = join(__dirname, '..', '..', '..', '..');
const examplesDir = join(root, 'resources', 'examples');
const goldensDir = join(root, 'test', 'fixtures', 'codegen');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.pipewright.json'))
  .sort()
  .map((f) => ({ id: f.replace(/\.pipewright\.json$/, ''), path: join(examplesDir, f) }));

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

async function generate(path: string) {
  const parsed = parseDocumentText(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path}: ${JSON.stringify(parsed.errors)}`);
  return generateProject(parsed.document);
}

const parserFor = (path: string): PrettierParser | null =>
  path.endsWith('.ts')
    ? 'typescript'
    : path.endsWith('.md')
      ? 'markdown'
      : path.endsWith('.yml')
        ? 'yaml'
        : path === 'package.json'
          ? 'json-stringify'
          : path.endsWith('.json')
            ? 'json'
            : null;

describe('generated projects match their golden files', () => {
  it('covers every example', () => {
    expect(examples.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'api-sync',
        'nightly-report',
        'report-fanout',
        'upload-processing',
        'welcome-emails',
      ]),
    );
  });

  for (const example of examples) {
    it(example.id, async () => {
      const files = await generate(example.path);
      const golden = join(goldensDir, example.id);
      const expected = listFiles(golden)
        .map((p) => p.split(sep).join('/'))
        .sort();
      expect(files.map((f) => f.path).sort()).toEqual(expected);
      for (const file of files) {
        const want = readFileSync(join(golden, ...file.path.split('/')), 'utf8');
        expect(file.contents, `${example.id}/${file.path} differs from its golden file`).toBe(want);
      }
    });

    it(`${example.id}: every file is as Prettier formats it`, async () => {
      for (const file of await generate(example.path)) {
        const parser = parserFor(file.path);
        if (parser === null) continue;
        const formatted = await formatWithPrettier(file.contents, parser, file.path);
        expect(file.contents, `${file.path} is not Prettier-formatted`).toBe(formatted);
      }
    });
  }
});
