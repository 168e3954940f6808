import { promises as fs, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  realFs,
  writeFileAtomic,
  type AtomicFileHandle,
  type AtomicFs,
} from '../../../../main/services/atomic-write';
import { useTempDirs } from './fixtures';

const tempDir = useTempDirs();

type Step = 'write' | 'sync' | 'rename';

/** The real file system, except that one step fails — after a partial write, for `write`. */
function faultyFs(step: Step): AtomicFs {
  return {
    ...realFs,
    async open(path, flags, mode) {
      const handle = await realFs.open(path, flags, mode);
      if (flags === 'r') return handle;
      const faulty: AtomicFileHandle = {
        writeFile: async (data) => {
          if (step !== 'write') return handle.writeFile(data);
          await handle.writeFile(String(data).slice(0, 10));
          throw Object.assign(new Error('injected fault: disk full'), { code: 'ENOSPC' });
        },
        sync: async () => {
          if (step === 'sync') throw Object.assign(new Error('injected EIO'), { code: 'EIO' });
          return handle.sync();
        },
        close: () => handle.close(),
      };
      return faulty;
    },
    rename: async (from, to) => {
      if (step === 'rename') throw Object.assign(new Error('injected EXDEV'), { code: 'EXDEV' });
      return realFs.rename(from, to);
    },
  };
}

describe('writeFileAtomic', () => {
  it('creates a file and replaces it, keeping its permissions and leaving no temp file', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.pipewright.json');
    await writeFileAtomic(file, 'first\n');
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    await fs.chmod(file, 0o640);
    await writeFileAtomic(file, 'second\n');
    expect(readFileSync(file, 'utf8')).toBe('second\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['a.pipewright.json']);
  });

  it.each<Step>(['write', 'sync', 'rename'])(
    'leaves the old file whole when the %s step fails',
    async (step) => {
      const dir = tempDir();
      const file = join(dir, 'a.pipewright.json');
      const old = `${'old content '.repeat(100)}\n`;
      writeFileSync(file, old);
      await expect(
        writeFileAtomic(file, 'new content '.repeat(200), faultyFs(step)),
      ).rejects.toThrow(/injected/);
      expect(readFileSync(file, 'utf8')).toBe(old);
      expect(readdirSync(dir)).toEqual(['a.pipewright.json']);
    },
  );

  it('fails cleanly when the folder does not exist', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
