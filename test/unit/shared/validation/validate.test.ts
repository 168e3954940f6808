import { describe, expect, it } from 'vitest';
import { RULES, validateDocument, type ValidationRule } from '../../../../shared/validation';
import { edge, pipeline, producer, queue, worker } from './build';

const ruleModules = import.meta.glob<Record<string, unknown>>(
  '../../../../shared/validation/rules/*.ts',
  { eager: true },
);

describe('validateDocument', () => {
  it('registers every rule file, once, under its file name', () => {
    const exported = Object.entries(ruleModules)
      .filter(([path]) => !path.endsWith('/index.ts'))
      .map(([path, mod]) => {
        const rules = Object.values(mod).filter(
          (v): v is ValidationRule => typeof v === 'object' && v !== null && 'check' in v,
        );
        expect(rules, path).toHaveLength(1);
        expect(path.endsWith(`/${rules[0]!.id}.ts`), `${path} exports ${rules[0]!.id}`).toBe(true);
        return rules[0]!;
      });
    expect(new Set(RULES)).toEqual(new Set(exported));
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('lists errors before warnings and tags each finding with its rule', () => {
    const doc = pipeline(
      [producer('p', {}, ' api'), queue('q'), worker('w'), worker('idle')],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const found = validateDocument(doc);
    expect(found.map((d) => [d.severity, d.rule])).toEqual([
      ['error', 'worker-input'],
      ['warning', 'name-whitespace'],
    ]);
  });

  it('finds nothing in a clean pipeline', () => {
    const doc = pipeline(
      [producer('p'), queue('q'), worker('w')],
      [edge('p', 'q'), edge('q', 'w')],
    );
    expect(validateDocument(doc)).toEqual([]);
  });
});
