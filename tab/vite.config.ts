import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const page = (name: string) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

// The consent pages' own code, and the HTML entries themselves (each would drag its page's imports along).
const NOT_FIRST_LOAD = /[\\/]tab[\\/]src[\\/]consent[\\/]|\.html$|modulepreload-polyfill/;

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
    // The first load is one chunk on purpose (below); its budget is the bench's 200 KB gzip, not this raw figure.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { index: page('index'), 'auth-start': page('auth-start'), 'auth-end': page('auth-end') },
      output: {
        codeSplitting: {
          groups: [
            // teams-js is shared with auth-end.html, which must not fetch the tab's first load.
            { name: 'teams', test: /[\\/]@microsoft[\\/]teams-js[\\/]/, priority: 2 },
            // Everything the tab imports statically, in one file: the default split made some twenty chunks (one
            // request each, each gzipped alone), and one file compresses about 12 KB smaller. Views loaded on demand
            // keep their own chunks.
            { name: 'first', tags: ['$initial'], test: (id) => !NOT_FIRST_LOAD.test(id), priority: 1 },
          ],
        },
      },
      // The bot's domain core is pure (no I/O, nothing done on import), so what the tab does not call is dropped: the
      // side panel's one helper from policy/describe.ts no longer brings every rule and the policy's zod schema.
      treeshake: { moduleSideEffects: [{ test: /[\\/]bot[\\/]src[\\/]domain[\\/]/, sideEffects: false }] },
    },
  },
});
