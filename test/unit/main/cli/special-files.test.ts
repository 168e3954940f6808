import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli';
import { readDocumentFile } from '../../../../main/services/document-file';
import { serializeDocument } from '../../../../shared/document';
import { mmc } from '../../shared/simulation/documents';

/**
 * Issue 11 §1: `validate /dev/zero` read 512 MB and printed "Invalid string length"; a FIFO hung
 * for ever. Only regular files are read, and never more than the size limit.
 */

const dir = mkdtempSync(join(tmpdir(), 'pipewright-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fifo = join(dir, 'pipe.pipewright.json');
execFileSync('mkfifo', [fifo]);

describe('the CLI reads only regular files', () => {
  it.each([
    [
      '/dev/zero',
      '/dev/zero: (file): is a device, not a regular file; give the path of a .pipewright.json file',
    ],
    [
      fifo,
      `${fifo}: (file): is a named pipe (FIFO), not a regular file; give the path of a .pipewright.json file`,
    ],
    [dir, `${dir}: (file): is a folder, not a pipeline file`],
  ])('validate refuses %s with exit 2 and says what it is', async (path, line) => {
    expect(await cli('validate', path)).toEqual({ code: 2, out: line, err: '' });
  });

  it('simulate refuses a device and a FIFO the same way (on stderr)', async () => {
    expect(await cli('simulate', '/dev/zero')).toMatchObject({
      code: 2,
      err: '/dev/zero: (file): is a device, not a regular file; give the path of a .pipewright.json file',
    });
    expect((await cli('simulate', fifo)).code).toBe(2);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = join(dir, 'big.pipewright.json');
    writeFileSync(big, '');
    truncateSync(big, 11 * 1024 * 1024);
    expect(await cli('validate', big)).toEqual({
      code: 2,
      out: `${big}: (file): file is 11 MB; a pipeline document is at most 10 MB`,
      err: '',
    });
  });
});

describe('what the app writes it reads back', () => {
  it('reads a document whose name holds U+FFFD (it was refused as binary data)', async () => {
    const doc = { ...mmc(5, { type: 'fixed', ms: 10 }, 1), name: 'Replacement \uFFFD char' };
    const path = join(dir, 'fffd.pipewright.json');
    writeFileSync(path, serializeDocument(doc));
    const read = await readDocumentFile(path);
    expect(read).toMatchObject({ ok: true, document: doc });
    expect((await cli('validate', path)).code).toBe(0);
  });

  it('still refuses bytes that are not UTF-8, saying so', async () => {
    const path = join(dir, 'latin1.pipewright.json');
    writeFileSync(path, Buffer.from('{"format":"pipewright/v1","name":"caf\xe9"}', 'latin1'));
    expect(await readDocumentFile(path)).toEqual({
      ok: false,
      unreadable: false,
      json: false,
      errors: [
        {
          path: '',
          message:
            'not a text file (it holds binary data, or text that is not UTF-8); open a .pipewright.json file',
        },
      ],
    });
  });
});
