import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI and the runner run under plain Node too (bin/pipewright.mjs): keep the bundle
      // within the oldest Node the CLI supports, not only Electron's.
      target: 'node20.19',
      // zod is bundled: resolving and loading its ~130 ESM files from node_modules took ~40 ms
      // of every CLI command's start (test/bench/cli-startup.bench.ts).
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          runner: resolve(root, 'main/runner/index.ts'),
          cli: resolve(root, 'main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() node_modules: bundle everything into one CJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
