import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { HttpError } from '../../http/errors.js';

/** Client modules of the page, by the name the browser asks for. */
const MODULES = new Set(['main', 'api', 'dom', 'cards', 'lessonView', 'feedView', 'chatView']);

/** The page's folder: next to this module when run from source; the source folder when run from dist. */
function pageDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return [here, resolve('bot/src/dev/page')].find((dir) => existsSync(join(dir, 'simulator.html'))) ?? here;
}

type Transpile = (source: string) => string;
let transpiler: Promise<Transpile> | undefined;

/** TypeScript's own single-file transpiler (no bundling: the browser loads each module itself). */
function loadTranspiler(): Promise<Transpile> {
  transpiler ??= import('typescript').then(
    ({ default: ts }) =>
      (source: string) =>
        ts.transpileModule(source, {
          compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
        }).outputText,
  );
  return transpiler;
}

const compiled = new Map<string, { mtimeMs: number; code: string }>();

/**
 * A client module as JavaScript: the compiled file if there is one (dist), else the source transpiled once per change.
 */
async function clientModule(dir: string, name: string): Promise<string> {
  const built = join(dirname(fileURLToPath(import.meta.url)), `${name}.js`);
  if (existsSync(built)) return readFile(built, 'utf8');
  const source = join(dir, `${name}.ts`);
  const { mtimeMs } = await stat(source);
  const hit = compiled.get(name);
  if (hit?.mtimeMs === mtimeMs) return hit.code;
  const code = (await loadTranspiler())(await readFile(source, 'utf8'));
  compiled.set(name, { mtimeMs, code });
  return code;
}

function send(res: Response, type: string, body: string | Buffer): void {
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'no-store');
  res.sendRaw(200, body);
}

/**
 * Serves the simulator page: `/dev` (HTML), `/dev/page/*.js|css` (its small client modules, written
 * in TypeScript and transpiled on request, no build step) and the Adaptive Cards renderer.
 */
export function registerSimPage(server: Server): void {
  const dir = pageDir();
  const renderer = join(
    dirname(createRequire(import.meta.url).resolve('adaptivecards/package.json')),
    'dist',
    'adaptivecards.min.js',
  );
  server.get('/dev', async (_req: Request, res: Response) =>
    send(res, 'text/html; charset=utf-8', await readFile(join(dir, 'simulator.html'))),
  );
  server.get('/dev/page/simulator.css', async (_req: Request, res: Response) =>
    send(res, 'text/css; charset=utf-8', await readFile(join(dir, 'simulator.css'))),
  );
  server.get('/dev/page/:file', async (req: Request, res: Response) => {
    const name = String((req.params as Record<string, unknown>)['file'] ?? '').replace(/\.js$/, '');
    if (!MODULES.has(name)) throw new HttpError(404, 'notFound', 'The simulator page has no such file; reload /dev.');
    send(res, 'text/javascript; charset=utf-8', await clientModule(dir, name));
  });
  server.get('/dev/vendor/adaptivecards.js', async (_req: Request, res: Response) =>
    send(res, 'text/javascript; charset=utf-8', await readFile(renderer)),
  );
}
