/**
 * Writes resources/schema/pipewright-v1.schema.json from the zod document schema (`npm run
 * schema`). The zod schema stays the single source of truth; a unit test fails when the
 * committed file differs from what this prints, so it cannot go stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FORMAT, documentSchema } from '../shared/document/schema';

export const SCHEMA_PATH = join(
  import.meta.dirname,
  '..',
  'resources',
  'schema',
  'pipewright-v1.schema.json',
);

type JsonObject = { [key: string]: unknown };

/** zod names shared definitions `__schema0` …; give the one it makes (JSON payloads) a name. */
const DEF_NAMES: Readonly<Record<string, string>> = { __schema0: 'JsonValue' };

function renameDefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renameDefs);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      out[key] = child.replace(/^#\/\$defs\/(.+)$/, (_, name: string) => {
        return `#/$defs/${DEF_NAMES[name] ?? name}`;
      });
    } else if (key === '$defs' && child !== null && typeof child === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(child).map(([name, def]) => [DEF_NAMES[name] ?? name, renameDefs(def)]),
      );
    } else out[key] = renameDefs(child);
  }
  return out;
}

/** The JSON Schema (draft 2020-12) of a `pipewright/v1` document. */
export function buildJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(documentSchema, {
    target: 'draft-2020-12',
    io: 'input',
  }) as JsonObject;
  const { $schema, ...rest } = renameDefs(generated) as JsonObject;
  return {
    $schema,
    $id: 'urn:pipewright:schema:pipewright-v1',
    title: `Pipewright pipeline document (${FORMAT})`,
    description:
      'A *.pipewright.json file: producers, queues, workers and the edges between them. Generated from the zod schema in shared/document/schema.ts by `npm run schema`. Pipewright also checks what JSON Schema cannot express: cron syntax, exactly one of everyMs/cron, uniform maxMs >= minMs, unique ids and edges joining existing nodes.',
    ...rest,
  };
}

/** The file's text: two-space JSON with a final newline. */
export const renderJsonSchema = (): string => `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, renderJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
