/** What a use case returns: its value, or a sentence for the person (never a stack trace). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** A successful outcome. */
export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
/** A refused or impossible request, explained in words the person can act on. */
export const refused = <T = never>(message: string): Outcome<T> => ({ ok: false, message });
