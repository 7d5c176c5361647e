import type { TurnContext } from 'botbuilder';
import type { Logger } from '../app/ports.js';

// The request's correlation id, kept on the turn it started (botbuilder's per-turn state) rather than in an async
// context: AsyncLocalStorage turns on Node's promise hooks for the whole process, and every await everywhere (every
// side-panel poll included) then pays for them.
const CORRELATION = Symbol('correlationId');

/** Ties a turn to its request's correlation id (set by the endpoint before the bot runs). */
export function setTurnCorrelation(context: TurnContext, correlationId: string): void {
  context.turnState.set(CORRELATION, correlationId);
}

/** The logger for lines about this turn: they carry its request's correlation id, when it has one. */
export function turnLogger(context: TurnContext, logger: Logger): Logger {
  const correlationId = context.turnState.get(CORRELATION) as string | undefined;
  return correlationId ? logger.child({ correlationId }) : logger;
}
