import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, buildJsonSchema, renderJsonSchema } from '../../../scripts/generate-schema';

const files = import.meta.glob<string>('../../../resources/examples/*.pipewright.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('resources/schema/pipewright-v1.schema.json', () => {
  it('is exactly what `npm run schema` generates now (run it after changing the zod schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderJsonSchema());
  });

  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(buildJsonSchema());

  it.each(Object.entries(files))('accepts %s', (_, text) => {
    const valid = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses unknown fields, wrong kinds and missing configs, as the app does', () => {
    const doc = JSON.parse(Object.values(files)[0]!) as {
      nodes: Array<Record<string, unknown>>;
      extra?: boolean;
    };
    expect(validate({ ...doc, extra: true })).toBe(false);
    const wrongKind = structuredClone(doc);
    wrongKind.nodes[0]!.kind = 'robot';
    expect(validate(wrongKind)).toBe(false);
    const noConfig = structuredClone(doc);
    delete noConfig.nodes[0]!.config;
    expect(validate(noConfig)).toBe(false);
    expect(validate({ ...doc, format: 'pipewright/v2' })).toBe(false);
  });
});
