/**
 * Answers written in one turn of the event loop leave together at the end of that turn.
 *
 * Node hands each answer to the kernel the moment it is complete. Over a local connection the
 * kernel then does the receiver's work inside that call, and wakes the receiver if it was waiting,
 * once per answer. A turn of the loop usually answers several connections (everything that arrived
 * together), so holding their writes until the turn ends means the receiver is woken once for the
 * lot and the server does all of a turn's JavaScript before any of its system calls. In the bench
 * this cut the server's CPU per status poll and per lesson event (see the README's Performance).
 *
 * It works through the socket's own write methods, which a stream may complete later: the socket
 * still buffers, keeps order, and reports back-pressure and errors as before; only the system call
 * moves to the end of the turn.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

type Done = (error?: Error | null) => void;
type WriteOne = (chunk: unknown, encoding: BufferEncoding, done: Done) => void;
type WriteMany = (chunks: Array<{ chunk: unknown; encoding: BufferEncoding }>, done: Done) => void;
/** The stream methods a socket writes through (Node's `Writable` implementation hooks). */
type SocketWrites = Socket & { _write: WriteOne; _writev?: WriteMany };

// One queue for the whole process: the event loop is the process's, and a turn's writes leave together whatever
// connection they are on.
let due: Array<{ socket: Socket; write: () => void }> = [];

function flush(): void {
  const writes = due;
  due = [];
  for (const { socket, write } of writes) {
    try {
      write();
    } catch (err) {
      // Node reports write failures through the callback; anything thrown ends only this connection.
      socket.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function atTurnEnd(socket: Socket, write: () => void): void {
  if (due.push({ socket, write }) === 1) setImmediate(flush);
}

/** Makes `socket` hand its writes to the kernel at the end of the loop turn they were made in. */
function writeAtTurnEnd(socket: Socket): void {
  const stream = socket as SocketWrites;
  const writeOne = stream._write;
  const writeMany = stream._writev;
  stream._write = (chunk, encoding, done) => atTurnEnd(socket, () => writeOne.call(socket, chunk, encoding, done));
  if (writeMany) stream._writev = (chunks, done) => atTurnEnd(socket, () => writeMany.call(socket, chunks, done));
}

/** Makes every connection `server` accepts hand its writes to the kernel at the end of the turn they were made in. */
export function coalesceWrites(server: Server): void {
  server.on('connection', writeAtTurnEnd);
}
