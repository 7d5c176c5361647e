import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The tab is served by the service under /tab/ (same origin as the API, so no CORS).
export default defineConfig({
  root: 'tab',
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
