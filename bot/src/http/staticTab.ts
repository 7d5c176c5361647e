import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { HttpError } from './errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const NOT_FOUND = new HttpError(
  404,
  'notFound',
  'This part of the tab does not exist; reopen the Chaperone tab in Teams.',
);

/**
 * Serves the built tab under `/tab/`. Only files inside `tabDir` with a known type are served;
 * Vite's hashed assets are cached for a year, `index.html` never (so a deploy shows at once).
 */
export function registerStaticTab(server: Server, tabDir: string): void {
  const root = resolve(tabDir);
  const serve = async (req: Request, res: Response): Promise<void> => {
    const wanted = (req.params as Record<string, string | undefined>)['*'] ?? '';
    const file = await resolveFile(root, wanted === '' ? 'index.html' : wanted);
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    res.setHeader('content-type', type);
    res.setHeader(
      'cache-control',
      file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    res.sendRaw(200, body);
  };
  // With trailing slashes ignored, `/tab/` is `/tab`: both serve index.html.
  server.get('/tab', serve);
  server.get('/tab/*', serve);
}

/** The file a request path names, or 404 when it escapes the folder, is hidden or does not exist. */
async function resolveFile(root: string, wanted: string): Promise<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(wanted.split('?')[0] ?? '');
  } catch {
    throw NOT_FOUND;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((part) => part.startsWith('.'))) throw NOT_FOUND;
  const file = resolve(join(root, decoded));
  if (!file.startsWith(root + sep) || !(extname(file) in CONTENT_TYPES)) throw NOT_FOUND;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw NOT_FOUND;
  return file;
}
