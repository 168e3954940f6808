import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
const root = resolve(import.meta.dirname, '..', '..');
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: '/tmp/pw-renderer-dev',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: { input: resolve(root, 'renderer/index.html') },
  },
});
