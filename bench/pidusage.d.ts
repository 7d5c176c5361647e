// pidusage ships no type declarations; this covers the one call the bench makes.
declare module 'pidusage' {
  /** A process's usage as pidusage reads it (from /proc on Linux). */
  export interface Status {
    /** User plus system CPU time the process has spent, in milliseconds. */
    ctime: number;
    pid: number;
  }
  /** Reads `pid`'s usage now. */
  function pidusage(pid: number): Promise<Status>;
  namespace pidusage {
    /** Forgets the history pidusage keeps between calls (and its timer). */
    function clear(): void;
  }
  export default pidusage;
}
