import { spawn, spawnSync } from 'node:child_process';
import {
  promises as fs,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocumentFile } from '../../../../main/services/document-file';
import { serializeDocument } from '../../../../shared/document';
import {
  STALE_TEMP_MS,
  realFs,
  removeStaleTempFiles,
  writeFileAtomic,
  type AtomicFileHandle,
  type AtomicFs,
} from '../../../../main/services/atomic-write';
import { minimalDocument, useTempDirs } from './fixtures';

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

/** A pid no process has: one of a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('temp files of interrupted saves (issue 11: 29 files, 101 MB from 150 kills)', () => {
  it('names its temp file so it can be recognised: .<name>.pipewright-tmp-<pid>-<random>', async () => {
    const dir = tempDir();
    const opened: string[] = [];
    await writeFileAtomic(join(dir, 'a.pipewright.json'), 'x', {
      ...realFs,
      open: (path, flags, mode) => {
        opened.push(path);
        return realFs.open(path, flags, mode);
      },
    });
    expect(opened[0]).toMatch(
      new RegExp(`/\\.a\\.pipewright\\.json\\.pipewright-tmp-${process.pid}-[0-9a-f]{12}$`),
    );
  });

  it('removes on the next save the temp files of dead processes and old ones, and only those', async () => {
    const dir = tempDir();
    const ago = (ms: number) => new Date(Date.now() - ms);
    const files = {
      dead: `.a.pipewright.json.pipewright-tmp-${deadPid()}-00aa11bb22cc`,
      liveYoung: `.a.pipewright.json.pipewright-tmp-${process.pid}-33dd44ee55ff`,
      liveOld: `.b.pipewright.json.pipewright-tmp-${process.pid}-66aa77bb88cc`,
      legacyOld: '.c.pipewright.json.0123456789ab.tmp',
      legacyYoung: '.d.pipewright.json.ba9876543210.tmp',
      unrelatedOld: '.bashrc.tmp',
    };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), 'partial');
    for (const name of [files.liveOld, files.legacyOld, files.unrelatedOld]) {
      utimesSync(join(dir, name), ago(STALE_TEMP_MS + 60_000), ago(STALE_TEMP_MS + 60_000));
    }
    await writeFileAtomic(join(dir, 'a.pipewright.json'), 'saved\n');
    expect(readdirSync(dir).sort()).toEqual(
      [files.liveYoung, files.legacyYoung, files.unrelatedOld, 'a.pipewright.json'].sort(),
    );
    expect(await removeStaleTempFiles(dir)).toEqual([]);
  });

  it('cleans up after a save killed with SIGKILL half way, on the next open of that folder', async () => {
    const dir = tempDir();
    const target = join(dir, 'killed.pipewright.json');
    writeFileSync(target, serializeDocument(minimalDocument('Before the kill')));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'save-killed-child.ts'), target],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the child exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const orphans = readdirSync(dir).filter((n) => n.includes('.pipewright-tmp-'));
    expect(orphans).toEqual([
      expect.stringMatching(
        new RegExp(`^\\.killed\\.pipewright\\.json\\.pipewright-tmp-${child.pid}-`),
      ),
    ]);
    expect(statSync(join(dir, orphans[0]!)).size).toBe(4096);
    // The old document is whole, and opening it removes the orphan.
    const read = await readDocumentFile(target);
    expect(read).toMatchObject({ ok: true, document: { name: 'Before the kill' } });
    expect(readdirSync(dir)).toEqual(['killed.pipewright.json']);
  });
});
