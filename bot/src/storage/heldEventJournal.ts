/**
 * The outage buffer's journal on local disk: each held lesson event is written (and flushed to the
 * disk) before Teams or the side panel is answered, and a process that starts after a crash or a
 * restart takes back what the last one never wrote.
 */
import { join } from 'node:path';
import type { HeldEvent, HeldJournal } from '../app/lesson/outageBuffer.js';
import type { Logger } from '../app/ports.js';
import { DiskJournal } from './diskJournal.js';

/** The journal of held lesson events, under `<dataDir>/held-events`. */
export class HeldEventJournal implements HeldJournal {
  private readonly disk: DiskJournal;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.disk = new DiskJournal(join(dataDir, 'held-events'));
  }

  append(held: HeldEvent): void {
    this.disk.append(held);
  }

  clear(): void {
    this.disk.clear();
  }

  /** Events earlier processes answered for and never wrote, in the order they arrived. */
  recover(): HeldEvent[] {
    const { entries, tornLines } = this.disk.recover();
    const held = entries.filter(isHeldEvent);
    const skipped = entries.length - held.length + tornLines;
    if (skipped) this.logger.error({ skipped }, 'journal lines that are not held events were skipped');
    return held;
  }
}

function isHeldEvent(entry: unknown): entry is HeldEvent {
  const e = entry as Partial<HeldEvent> | null;
  return (
    typeof e?.key?.tenantId === 'string' &&
    typeof e.key.meetingId === 'string' &&
    typeof e.event?.id === 'string' &&
    typeof e.event.kind === 'string'
  );
}
