// A save that is killed half way: writes the first bytes of the temp file, says "writing" on
// stdout, then waits (as a slow disk would) until the test kills this process with SIGKILL.
import { realFs, writeFileAtomic } from '../../../../main/services/atomic-write';

const [path] = process.argv.slice(2);
await writeFileAtomic(path!, 'x'.repeat(1 << 20), {
  ...realFs,
  async open(file, flags, mode) {
    const handle = await realFs.open(file, flags, mode);
    return {
      writeFile: async (data) => {
        await handle.writeFile(String(data).slice(0, 4096));
        process.stdout.write('writing\n');
        await new Promise(() => setInterval(() => undefined, 1000));
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
});
