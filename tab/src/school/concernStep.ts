import { useState, useTransition } from 'react';
import type { Api, ConcernDetailView, ConcernStep } from '../api/client.js';

/** One triage control's state: busy while its step is sent, and the server's sentence when it was refused. */
export interface ConcernStepState {
  busy: boolean;
  problem?: string;
  /** Sends `step`; once the server has stored it, `changed` gets the concern as it now stands, then `done` runs. */
  run(step: ConcernStep, done?: () => void): void;
}

/** Sends triage steps for one concern (each control has its own, so each shows its own busy state and problem). */
export function useConcernStep(api: Api, ref: string, changed: (view: ConcernDetailView) => void): ConcernStepState {
  const [busy, startTransition] = useTransition();
  const [problem, setProblem] = useState<string>();
  const run = (step: ConcernStep, done?: () => void) =>
    startTransition(async () => {
      try {
        const view = await api.triageConcern(ref, step);
        setProblem(undefined);
        changed(view);
        done?.();
      } catch (err) {
        setProblem(err instanceof Error ? err.message : 'That did not work; try again.');
      }
    });
  return { busy, problem, run };
}
