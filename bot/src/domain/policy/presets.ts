/**
 * Ready-made policies: `strict` (the default, the strictest line of every seed: the schema's own
 * defaults) and one per seed school. A school preset sets what its document says; where the
 * document is silent it relaxes the logistics (hours, time limits, scheduling, checklists,
 * recording, meeting settings) but keeps the safety net on (lobby, unsupervised pupils, end for
 * all, breach to the DSL), because those protect pupils whatever a document leaves out.
 */
import { CODES_OF_CONDUCT } from './codeOfConduct.js';
import { parsePolicy, type Policy, type PolicyInput } from './schema.js';

/** The preset names, `strict` first (the default). */
export const PRESET_NAMES = ['strict', 'home-school', 'roche', 'crossways', 'staff-guidance', 'goodmayes'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Logistics a seed does not mention: off, so the preset asks only what the school asked. */
const RELAXED = {
  schoolHours: { enabled: false },
  duration: { enabled: false },
  scheduling: { forbidMeetNow: false, minHoursAhead: 0 },
  checklist: { expectationsRead: false, rolesAgreed: false },
  recording: { required: 'never' },
  presenters: { screenSharingOff: false, muteOnEntry: false, allowedPresenters: 'roleIsPresenter' },
} satisfies PolicyInput;

const PRESETS: Record<PresetName, PolicyInput> = {
  // Every field is the schema default, each commented there with its seed line.
  strict: { preset: 'strict', codeOfConduct: CODES_OF_CONDUCT.strict },

  'home-school': mergePolicy(RELAXED, {
    preset: 'home-school',
    staffing: {
      minStaffWithPupils: 2, // seed 000 #7: a second member of staff
      recordIfSingleStaff: false, // not in seed 000
      forbidOneToOne: true, // seed 000 #10: prevent a one-to-one situation
      minParticipants: 2, // not in seed 000
    },
    pupilChecks: {
      consent: true, // seed 000 line 12: rules agreed before a child takes part
      parentPresent: true, // seed 000 pupils #5
      communalRoom: true, // seed 000 teachers #5, pupils #4
    },
    checklist: { rolesAgreed: true }, // seed 000 #9: roles and responsibilities at the outset
    endForAll: { required: true, pupilsLeaveFirst: false }, // seed 000 #10: disconnect all participants
    codeOfConduct: CODES_OF_CONDUCT['home-school'],
  }),

  roche: mergePolicy(RELAXED, {
    preset: 'roche',
    staffing: {
      minStaffWithPupils: 1, // seed 001 line 4: 1:1 support and pastoral check-ins
      recordIfSingleStaff: false, // every session is recorded anyway (seed 001 #2)
      forbidOneToOne: false, // seed 001 line 4
      minParticipants: 3, // seed 001 #4: teacher, pupil and supervising parent
    },
    schoolHours: { enabled: true, start: '09:00', end: '15:00', days: [1, 2, 3, 4, 5] }, // seed 001 #3
    scheduling: { forbidMeetNow: true, minHoursAhead: 48 }, // seed 001 #8: scheduled 48 hours ahead
    pupilChecks: {
      consent: true, // seed 001 #1: consent recorded at the start
      parentPresent: true, // seed 001 #1: the parent stays with the child
      communalRoom: true, // seed 001 #9: not in a bedroom
    },
    checklist: { expectationsRead: true }, // seed 001 #7: expectations outlined and reminded
    recording: { required: 'always' }, // seed 001 #2: teachers record the sessions
    endForAll: { required: true, pupilsLeaveFirst: true }, // seed 001 #6: pupils exit first, teacher closes
    codeOfConduct: CODES_OF_CONDUCT.roche,
  }),

  crossways: mergePolicy(RELAXED, {
    preset: 'crossways',
    lobby: { required: true, maxBypassScope: 'organizer', checkInvitees: true }, // seed 002 line 18
    staffing: {
      minStaffWithPupils: 1, // not in seed 002 (line 25: mostly groups or whole class)
      recordIfSingleStaff: false, // not in seed 002
      forbidOneToOne: false, // not in seed 002
      minParticipants: 2, // not in seed 002
    },
    scheduling: { forbidMeetNow: true }, // seed 002 line 18: a lobby needs a scheduled meeting
    pupilChecks: {
      consent: false, // not in seed 002
      parentPresent: true, // seed 002 lines 24-27: else the child cannot continue
      communalRoom: true, // seed 002 line 35: common areas, not bedrooms
    },
    endForAll: { required: true, pupilsLeaveFirst: false }, // safety net; seed 002 line 41 ends calls for all
    breach: { endCallForAll: true, informDsl: true }, // seed 002 line 41
    codeOfConduct: CODES_OF_CONDUCT.crossways,
  }),

  'staff-guidance': mergePolicy(RELAXED, {
    preset: 'staff-guidance',
    lobby: { required: true, maxBypassScope: 'organizer' }, // seed 003 line 12: the organiser admits each child
    staffing: {
      minStaffWithPupils: 2, // seed 003 line 4
      recordIfSingleStaff: true, // seed 003 line 4: else record the meeting
      forbidOneToOne: true, // seed 003 line 3
      minParticipants: 3, // seed 003 line 3: never one adult and one pupil
    },
    scheduling: { forbidMeetNow: true }, // seed 003 line 10: never a "Meet now" link
    pupilChecks: {
      consent: true, // seed 003 line 7
      parentPresent: false, // not in seed 003
      communalRoom: false, // not in seed 003
    },
    recording: { required: 'ifSingleStaff' }, // seed 003 line 4
    endForAll: { required: true, pupilsLeaveFirst: false }, // seed 003 lines 14-15: End meeting, never just hang up
    codeOfConduct: CODES_OF_CONDUCT['staff-guidance'],
  }),

  goodmayes: mergePolicy(RELAXED, {
    preset: 'goodmayes',
    lobby: { required: true, maxBypassScope: 'organizer' }, // seed 004 line 34: admit via the waiting room
    staffing: {
      minStaffWithPupils: 1, // seed 004 line 27: the class teacher hosts
      recordIfSingleStaff: false, // every meeting is recorded anyway (seed 004 line 35)
      forbidOneToOne: false, // not in seed 004
      minParticipants: 2, // not in seed 004
    },
    duration: { enabled: true, pupilSessionMinutes: 20, staffSessionMinutes: 40 }, // seed 004 lines 28-29
    pupilChecks: {
      consent: false, // not in seed 004
      parentPresent: true, // seed 004 line 65: parents supervise throughout
      communalRoom: true, // seed 004 line 65: not a bathroom or bedroom
    },
    recording: { required: 'always', retentionDays: 30 }, // seed 004 lines 35-36
    presenters: {
      screenSharingOff: true, // seed 004 line 31
      muteOnEntry: true, // seed 004 line 53
      allowedPresenters: 'organizer', // seed 004 line 27: teachers host and manage
    },
    endForAll: { required: true, pupilsLeaveFirst: false }, // safety net: not in seed 004
    retentionDays: 30, // seed 004 line 36
    codeOfConduct: CODES_OF_CONDUCT.goodmayes,
  }),
};

/** The raw input of a preset (before defaults), for a policy file to start from. */
export function presetInput(name: PresetName): PolicyInput {
  return structuredClone(PRESETS[name]);
}

/** A validated policy: the preset with `overrides` merged in (objects field by field, lists replaced). */
export function policyFromPreset(name: PresetName, overrides: PolicyInput = {}): Policy {
  // Anything but an object (a policy file holding a list, say) is rejected by the schema with its reason.
  if (!isPlainObject(overrides as unknown)) return parsePolicy(overrides);
  return parsePolicy(mergePolicy(PRESETS[name], overrides));
}

/** Merges `over` into `base`: nested objects field by field, anything else (lists too) replaced. */
export function mergePolicy(base: PolicyInput, over: PolicyInput): PolicyInput {
  return deepMerge(base, over) as PolicyInput;
}

function deepMerge(base: object, over: object): Record<string, unknown> {
  const merged = structuredClone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
