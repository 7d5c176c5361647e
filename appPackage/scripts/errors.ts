/** Why an app package could not be built; `problems` lists every fault found, one sentence each. */
export class PackagingError extends Error {
  override name = 'PackagingError';

  /**
   * @param summary what failed and what to do next
   * @param problems each fault found (all of them, so one run shows everything to fix)
   */
  constructor(
    summary: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length > 0 ? `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}` : summary);
  }
}
