import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

// The tab is served by the service under /tab/ (same origin as the API, so no CORS). Besides the tab itself, two
// small pages for Teams' consent window: auth-start sends the teacher to Microsoft, auth-end tells Teams the answer.
export default defineConfig({
  root: 'tab',
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: { input: { index: page('index'), 'auth-start': page('auth-start'), 'auth-end': page('auth-end') } },
  },
});
