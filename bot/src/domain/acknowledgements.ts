/**
 * Who took each critical alert. An acknowledgement answers one raise of one finding: the same
 * problem raised again later is a new alert that someone must take again, and the lesson keeps
 * who took each raise (the end-of-lesson summary lists them all).
 */
import type { Acknowledgement, MeetingState } from './types.js';

/** The key of one raise of one finding in `MeetingState.acknowledgements`. */
export function acknowledgementKey(findingKey: string, raisedAt: number): string {
  return `${findingKey}@${raisedAt}`;
}

/** Who took this raise of the finding, if anyone (an earlier raise's acknowledgement does not count). */
export function acknowledgementOf(
  state: Pick<MeetingState, 'acknowledgements'>,
  findingKey: string,
  raisedAt: number | undefined,
): Acknowledgement | undefined {
  return raisedAt === undefined ? undefined : state.acknowledgements?.[acknowledgementKey(findingKey, raisedAt)];
}
