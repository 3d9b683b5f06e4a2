// The browser UI's build: React, output to dist/web, served by the gongkai server at `/`.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '..', 'dist', 'web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500, // Ant Design in one chunk is fine for an intranet tool; split only if it grows
  },
});
