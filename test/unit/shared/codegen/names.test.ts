import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NameAllocator, nameWords, packageName } from '../../../../shared/codegen/names';
import {
  displayName,
  tsNumber,
  tsPropertyKey,
  tsString,
} from '../../../../shared/codegen/print/literals';
import { HOSTILE_NAMES, nodeName } from '../../../helpers/arbitrary-document';

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

describe('nameWords', () => {
  it('splits names into lower-case ASCII words', () => {
    expect(nameWords('email-sender')).toEqual(['email', 'sender']);
    expect(nameWords('HTTPServer2')).toEqual(['http', 'server', '2']);
    expect(nameWords('resizeImages v2')).toEqual(['resize', 'images', 'v', '2']);
    expect(nameWords('café Ærø straße')).toEqual(['cafe', 'aero', 'strasse']);
    expect(nameWords('../../etc/passwd')).toEqual(['etc', 'passwd']);
    expect(nameWords('日本語 🚀')).toEqual([]);
  });
});

describe('NameAllocator', () => {
  it('checks a linear number of candidates for nodes that share a name (it was n²/2)', () => {
    const names = new NameAllocator('producer');
    const files = Array.from({ length: 5000 }, () => names.allocate('api').file);
    expect(new Set(files).size).toBe(5000);
    expect(files.slice(0, 3)).toEqual(['api', 'api-2', 'api-3']);
    expect(files.at(-1)).toBe('api-5000');
    // One check for the plain name, one for the next free suffix: 2 per node, not 12.5 million.
    expect(names.probes).toBe(2 * 5000 - 1);
  });

  it('still skips a suffix another name already took', () => {
    const names = new NameAllocator('producer');
    expect(['api', 'api 2', 'api', 'api'].map((n) => names.allocate(n).file)).toEqual([
      'api',
      'api-2',
      'api-3',
      'api-4',
    ]);
  });

  it('gives names that differ only in case their own files and keys', () => {
    const names = new NameAllocator('queue');
    const got = ['Emails', 'emails', 'EMAILS', 'e-mails'].map((n) => names.allocate(n));
    expect(got.map((n) => n.file)).toEqual(['emails', 'emails-2', 'emails-3', 'e-mails']);
    expect(got.map((n) => n.key)).toEqual(['emails', 'emails2', 'emails3', 'eMails']);
    expect(got.map((n) => n.type)).toEqual(['Emails', 'Emails2', 'Emails3', 'EMails']);
  });

  it('never starts an identifier with a digit, and names the nameless after their kind', () => {
    const names = new NameAllocator('queue');
    expect(names.allocate('2fa codes')).toEqual({
      key: 'queue2faCodes',
      type: 'Queue2faCodes',
      file: 'queue-2fa-codes',
    });
    expect(names.allocate('日本語').file).toBe('queue');
    expect(names.allocate('!!!').file).toBe('queue-2');
  });

  it('keeps keys apart when words run together (a 2 3 vs a 23)', () => {
    const names = new NameAllocator('worker');
    const [a, b] = [names.allocate('a 2 3'), names.allocate('a 23')];
    expect(a.key).not.toBe(b.key);
    expect(a.file).not.toBe(b.file);
  });

  it('avoids reserved and Windows device file names', () => {
    const names = new NameAllocator('worker', ['redis']);
    expect(names.allocate('redis').file).toBe('redis-2');
    expect(names.allocate('CON').file).toBe('con-worker');
    expect(names.allocate('lpt1').file).toBe('lpt-1');
  });

  it('makes valid, unique, safe names from any names', () => {
    fc.assert(
      fc.property(fc.array(nodeName, { maxLength: 30 }), (raw) => {
        const names = new NameAllocator('queue', ['redis']);
        const got = raw.map((n) => names.allocate(n));
        for (const n of got) {
          expect(n.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(n.type).toMatch(/^[A-Z][A-Za-z0-9]*$/);
          expect(n.file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(n.file).not.toMatch(WINDOWS_DEVICES);
          expect(n.file.length).toBeLessThanOrEqual(50);
        }
        const files = got.map((n) => n.file.toLowerCase());
        const keys = got.map((n) => n.key);
        expect(new Set(files).size).toBe(got.length);
        expect(new Set(keys).size).toBe(got.length);
        expect(files).not.toContain('redis');
      }),
    );
  });
});

describe('packageName', () => {
  it('is a valid npm name', () => {
    expect(packageName('Welcome emails')).toBe('welcome-emails');
    expect(packageName('🚀')).toBe('pipeline');
  });
});

/** Reads a string literal back with the TypeScript parser, failing on any syntax error. */
function readLiteral(literal: string): string {
  const file = ts.createSourceFile('x.ts', `const x = ${literal};\n`, ts.ScriptTarget.ES2022);
  const parsed = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  expect(parsed, literal).toEqual([]);
  const statement = file.statements[0] as ts.VariableStatement;
  const init = statement.declarationList.declarations[0]!.initializer!;
  expect(ts.isStringLiteral(init)).toBe(true);
  return (init as ts.StringLiteral).text;
}

describe('tsString', () => {
  it('writes any string as a literal that reads back unchanged', () => {
    for (const name of HOSTILE_NAMES) expect(readLiteral(tsString(name))).toBe(name);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        expect(readLiteral(tsString(value))).toBe(value);
      }),
    );
  });

  it('quotes as Prettier does and escapes invisible characters', () => {
    expect(tsString('emails')).toBe("'emails'");
    expect(tsString("it's")).toBe('"it\'s"');
    expect(tsString('both \' and "')).toBe("'both \\' and \"'");
    expect(tsString('a\u2028b\u202ec')).toBe("'a\\u2028b\\u202ec'");
    expect(tsString('${x}`')).toBe("'${x}`'");
  });
});

describe('displayName', () => {
  it('is one line, cannot close a comment, and reads back as JSON', () => {
    fc.assert(
      fc.property(fc.oneof(nodeName, fc.string({ unit: 'binary' })), (value) => {
        const shown = displayName(value);
        expect(shown).not.toContain('*/');
        expect(shown).not.toMatch(/[\n\r\u2028\u2029\u202e]/);
        expect(JSON.parse(shown)).toBe(value);
      }),
    );
  });
});

describe('tsNumber and tsPropertyKey', () => {
  it('prints numbers as Prettier does, with the same value', () => {
    expect([1e21, 1.5, 0.5, -0, 1e-7, 120].map(tsNumber)).toEqual([
      '1e21',
      '1.5',
      '0.5',
      '0',
      '1e-7',
      '120',
    ]);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(tsNumber(n))).toBe(Object.is(n, -0) ? 0 : n);
      }),
    );
  });

  it('quotes keys only when they are not ASCII identifier names', () => {
    expect(
      ['userId', 'class', 'café', 'with space', '123', '__proto__'].map(tsPropertyKey),
    ).toEqual(['userId', 'class', "'café'", "'with space'", "'123'", '__proto__']);
  });
});
