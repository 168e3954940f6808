import type { JsonValue } from '../../document/schema';
import { keyNeedsPrettier, tsNumber, tsPropertyKey, tsString } from './literals';

/**
 * TypeScript types inferred from example JSON, and JSON values printed as TypeScript. Numbers,
 * strings and booleans widen (`'u-123'` → `string`); objects found in the same array merge, a key
 * missing from some of them becoming optional; mixed values become unions.
 */

/** A shape that is not a union. */
type Member =
  | { kind: 'string' | 'number' | 'boolean' | 'null' }
  | { kind: 'object'; fields: Map<string, { shape: Shape; optional: boolean }> }
  | { kind: 'array'; element: Shape | undefined };

export type Shape = Member | { kind: 'union'; members: Member[] };

const MEMBER_ORDER = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;

export function inferShape(value: JsonValue): Shape {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (Array.isArray(value)) {
    let element: Shape | undefined;
    for (const item of value) {
      const shape = inferShape(item);
      element = element === undefined ? shape : mergeShapes(element, shape);
    }
    return { kind: 'array', element };
  }
  const fields = new Map<string, { shape: Shape; optional: boolean }>();
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) fields.set(key, { shape: inferShape(item), optional: false });
  }
  return { kind: 'object', fields };
}

const membersOf = (shape: Shape): Member[] => (shape.kind === 'union' ? shape.members : [shape]);

/** The narrowest shape that both shapes fit. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  const byKind = new Map<Member['kind'], Member>();
  for (const member of [...membersOf(a), ...membersOf(b)]) {
    const seen = byKind.get(member.kind);
    byKind.set(member.kind, seen === undefined ? member : mergeMembers(seen, member));
  }
  const members = MEMBER_ORDER.flatMap((kind) => byKind.get(kind) ?? []);
  return members.length === 1 ? members[0]! : { kind: 'union', members };
}

function mergeMembers(a: Member, b: Member): Member {
  if (a.kind === 'array' && b.kind === 'array') {
    const element =
      a.element === undefined
        ? b.element
        : b.element === undefined
          ? a.element
          : mergeShapes(a.element, b.element);
    return { kind: 'array', element };
  }
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map<string, { shape: Shape; optional: boolean }>();
    for (const [key, field] of a.fields) {
      const other = b.fields.get(key);
      fields.set(
        key,
        other === undefined
          ? { shape: field.shape, optional: true }
          : {
              shape: mergeShapes(field.shape, other.shape),
              optional: field.optional || other.optional,
            },
      );
    }
    for (const [key, field] of b.fields) {
      if (!a.fields.has(key)) fields.set(key, { shape: field.shape, optional: true });
    }
    return { kind: 'object', fields };
  }
  return a;
}

/** A printed type or value, and whether its layout is only Prettier's guess (see format.ts). */
export interface Printed {
  text: string;
  /** True when Prettier may lay it out differently, so the file must go through Prettier. */
  unsure: boolean;
}

const isScalar = (shape: Shape) =>
  shape.kind !== 'object' && shape.kind !== 'array' && shape.kind !== 'union';

/**
 * A type expression for a shape. `indent` is the indentation of the line it starts on. Objects
 * with only scalar fields print on one line, others one field per line, as a person would.
 */
export function printShape(shape: Shape, indent = ''): Printed {
  switch (shape.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { text: shape.kind, unsure: false };
    case 'array': {
      if (shape.element === undefined) return { text: 'unknown[]', unsure: false };
      const element = printShape(shape.element, indent);
      const text = shape.element.kind === 'union' ? `(${element.text})[]` : `${element.text}[]`;
      return { text, unsure: element.unsure };
    }
    case 'union': {
      const parts = shape.members.map((member) => printShape(member, indent));
      const unsure = parts.some((p) => p.unsure) || shape.members.some((m) => !isScalar(m));
      return { text: parts.map((p) => p.text).join(' | '), unsure };
    }
    case 'object': {
      if (shape.fields.size === 0) return { text: 'Record<string, never>', unsure: false };
      const flat = [...shape.fields.values()].every((f) => isScalar(f.shape));
      const inner = flat ? '' : `${indent}  `;
      let unsure = false;
      const fields = [...shape.fields].map(([key, field]) => {
        const printed = printShape(field.shape, inner);
        unsure ||= printed.unsure || keyNeedsPrettier(key);
        return `${tsPropertyKey(key)}${field.optional ? '?' : ''}: ${printed.text}`;
      });
      if (flat) return { text: `{ ${fields.join('; ')} }`, unsure };
      return { text: `{\n${fields.map((f) => `${inner}${f};\n`).join('')}${indent}}`, unsure };
    }
  }
}

/** The body of an interface for an object shape: one field per line, each ending in `;`. */
export function printInterfaceBody(shape: Shape & { kind: 'object' }): Printed {
  let unsure = false;
  const fields = [...shape.fields].map(([key, field]) => {
    const printed = printShape(field.shape, '  ');
    unsure ||= printed.unsure || keyNeedsPrettier(key);
    return `  ${tsPropertyKey(key)}${field.optional ? '?' : ''}: ${printed.text};`;
  });
  return { text: `{\n${fields.join('\n')}\n}`, unsure };
}

const isScalarValue = (value: JsonValue) => value === null || typeof value !== 'object';

/**
 * Prettier always breaks an array of several arrays, or of several objects, when each of them has
 * more than one entry (a matrix, a list of records).
 */
function prettierBreaksArray(items: readonly JsonValue[]): boolean {
  if (items.length < 2) return false;
  const first = items[0];
  const wantArray = Array.isArray(first);
  return items.every((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) !== wantArray)
      return false;
    return (Array.isArray(item) ? item.length : Object.keys(item).length) > 1;
  });
}

/** A property key in an object literal; `__proto__` must be computed or it sets the prototype. */
const valueKey = (key: string) => (key === '__proto__' ? `['__proto__']` : tsPropertyKey(key));

/**
 * A JSON value as a TypeScript expression. Objects of scalars print on one line (unless `expand`,
 * for one too long for its line); arrays break one element per line when they hold objects or
 * when Prettier would (several arrays or objects of several entries each); otherwise one line.
 */
export function printValue(value: JsonValue, indent = '', expand = false): Printed {
  if (value === null) return { text: 'null', unsure: false };
  if (typeof value === 'string') return { text: tsString(value), unsure: false };
  if (typeof value === 'number') return { text: tsNumber(value), unsure: false };
  if (typeof value === 'boolean') return { text: String(value), unsure: false };
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return { text: '[]', unsure: false };
    const items = value.map((item) => printValue(item, inner));
    const unsure = items.some((item) => item.unsure);
    const breaks = items.some((item) => item.text.includes('\n')) || prettierBreaksArray(value);
    if (!breaks) return { text: `[${items.map((i) => i.text).join(', ')}]`, unsure };
    return { text: `[\n${items.map((i) => `${inner}${i.text},\n`).join('')}${indent}]`, unsure };
  }
  const entries = Object.entries(value).filter(
    (entry): entry is [string, JsonValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) return { text: '{}', unsure: false };
  const flat = !expand && isFlatValue(value);
  const fields = entries.map(([key, item]) => {
    const printed = printValue(item, flat ? indent : inner);
    return {
      text: `${valueKey(key)}: ${printed.text}`,
      unsure: printed.unsure || keyNeedsPrettier(key),
    };
  });
  const unsure = fields.some((f) => f.unsure);
  if (flat) return { text: `{ ${fields.map((f) => f.text).join(', ')} }`, unsure };
  return { text: `{\n${fields.map((f) => `${inner}${f.text},\n`).join('')}${indent}}`, unsure };
}

/** An object whose values are all scalars prints on one line. */
function isFlatValue(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  return Object.values(value).every((item) => item === undefined || isScalarValue(item));
}
