/**
 * What a log line may say about an error. Never its message: a message can carry whatever the
 * failing code was handling (a parser quotes its input, so concern text or a pupil's name can end up
 * in one; a client library may quote a request), and the logs must hold none of that. The name, the
 * status and code a service answered with, and the stack's frames say what failed and where.
 */

/** An error as logged: `err: errorFacts(error)`. */
export interface ErrorFacts {
  /** The error's class name (`RestError`, `TypeError`), or the type of a thrown non-error. */
  name: string;
  /** The HTTP status a service answered with, when the error carries one. */
  status?: number;
  /** A machine code (`ECONNREFUSED`, `ResourceNotFound`), when the error carries one. */
  code?: string;
}

// A code is an identifier; anything else in that field could be free text, so it is left out.
const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** Frames kept by {@link errorFrames}. */
const FRAMES = 8;

/** The facts of `error` a log line may carry. */
export function errorFacts(error: unknown): ErrorFacts {
  if (!(error instanceof Error)) return { name: error === null ? 'null' : typeof error };
  const fields = error as Error & { statusCode?: unknown; status?: unknown; code?: unknown };
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : fields.status;
  return {
    name: error.name,
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof fields.code === 'string' && CODE.test(fields.code) ? { code: fields.code } : {}),
  };
}

/** Where `error` was thrown: its stack's frames, without the first line (which repeats the message). */
export function errorFrames(error: unknown): string[] {
  if (!(error instanceof Error) || !error.stack) return [];
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, FRAMES)
    .map((line) => line.trim());
}
