/** Every rule of the school's policy, as data; `evaluate` runs the enabled ones. */
import { breach } from './breach.js';
import { communalRoom } from './communalRoom.js';
import { consent } from './consent.js';
import { endForAll } from './endForAll.js';
import { expectations } from './expectations.js';
import { lobby } from './lobby.js';
import { maxDuration } from './maxDuration.js';
import { noOneToOne } from './noOneToOne.js';
import { parentPresent } from './parentPresent.js';
import { recordIfSingleStaff } from './recordIfSingleStaff.js';
import { recording } from './recording.js';
import { rejoinAfterEnd } from './rejoinAfterEnd.js';
import type { Rule } from './rule.js';
import { scheduledAhead } from './scheduledAhead.js';
import { schoolHours } from './schoolHours.js';
import { staffPair } from './staffPair.js';
import { unsupervised } from './unsupervised.js';

/**
 * All rules, most urgent first (DESIGN.md section 2). `presenters-and-mics` is not here: screen
 * sharing and mute-on-entry are meeting settings the Graph work reads and sets, not lesson state.
 * A finding of a later rule replaces an earlier one with the same key: `rejoin-after-end` follows
 * `unsupervised` to say the same alert in words about the ended lesson.
 */
export const RULES: readonly Rule[] = [
  breach,
  unsupervised,
  rejoinAfterEnd,
  endForAll,
  noOneToOne,
  staffPair,
  recordIfSingleStaff,
  lobby,
  scheduledAhead,
  schoolHours,
  maxDuration,
  consent,
  parentPresent,
  communalRoom,
  expectations,
  recording,
];

export type { Rule, RuleId } from './rule.js';
