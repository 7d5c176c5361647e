/** The safeguarding domain: pure functions over a lesson's state and the school's policy. */
export * from './types.js';
export { emptyMeeting, reduce } from './reducer.js';
export {
  firstJoinAt,
  isPresent,
  isStaff,
  presenceChangedAt,
  presenceIntervals,
  presentPeople,
  presentSince,
  pupilsPresent,
  staffPresent,
  type PresenceInterval,
} from './presence.js';
export { hadPupils, isLive, isRecording, sessionStartAt } from './session.js';
export { evaluate, findingsOf, type Evaluation } from './evaluate.js';
export { buildRegister, type RegisterRow } from './register.js';
export { RULES, type Rule, type RuleId } from './rules/index.js';
export {
  LOBBY_SCOPES,
  parsePolicy,
  PolicyError,
  policySchema,
  type LobbyScope,
  type Policy,
  type PolicyInput,
} from './policy/schema.js';
export { mergePolicy, policyFromPreset, presetInput, PRESET_NAMES, type PresetName } from './policy/presets.js';
export { describePolicy, type PolicyLine } from './policy/describe.js';
