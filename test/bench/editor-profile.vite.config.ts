/**
 * A renderer build for profiling and A/B runs, outside out/renderer (which e2e tests use):
 * PW_OUT picks the folder (default /tmp/pw-renderer-dev), PW_MINIFY=1 minifies like the real build.
 * Run: npx vite build --config test/bench/editor-profile.vite.config.ts
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.PW_OUT ?? '/tmp/pw-renderer-dev',
    emptyOutDir: true,
    minify: process.env.PW_MINIFY === '1',
    sourcemap: false,
    rollupOptions: { input: resolve(root, 'renderer/index.html') },
  },
});
