import { z } from 'zod';

/** Lobby bypass scopes Teams offers, from least to most open (Graph `lobbyBypassSettings.scope`). */
export const LOBBY_SCOPES = ['organizer', 'invited', 'organizationExcludingGuests', 'organization', 'organizationAndFederated', 'everyone'] as const;
export type LobbyScope = (typeof LOBBY_SCOPES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 09:00');

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Europe/London');

const dslContact = z.object({
  name: z.string().min(1),
  aadObjectId: z.string().min(1, 'must be the DSL\'s Entra object id'),
  teamsId: z.string().optional(),
});

/**
 * A school's remote-lesson policy. Every field has a default (the strict preset's value), so a
 * policy file names only what differs. Each block maps to a rule in `rules/`.
 */
export const policySchema = z.object({
  /** Preset the policy starts from; recorded so staff see where a rule comes from. */
  preset: z.string().default('strict'),
  school: z.object({
    name: z.string().default('Our school'),
    timeZone: timeZone.default('Europe/London'),
  }).prefault({}),
  /** Seconds a breach must last before anyone is told (a reconnect takes a few seconds). */
  graceSeconds: z.number().int().min(0).max(600).default(30),
  lobby: z.object({
    required: z.boolean().default(true),
    /** The most open lobby bypass allowed; pupils and guests must always wait. */
    maxBypassScope: z.enum(LOBBY_SCOPES).default('organizer'),
    dialInBypass: z.boolean().default(false),
    checkInvitees: z.boolean().default(true),
  }).prefault({}),
  staffing: z.object({
    /** Staff who must be present whenever any pupil is. */
    minStaffWithPupils: z.number().int().min(1).max(10).default(2),
    /** With only one member of staff, the lesson must be recorded. */
    recordIfSingleStaff: z.boolean().default(true),
    /** Never exactly one adult and one pupil with nobody else. */
    forbidOneToOne: z.boolean().default(true),
    minParticipants: z.number().int().min(2).max(50).default(3),
    /** Alert the DSL when pupils are in the meeting with no staff. */
    unsupervisedAlert: z.boolean().default(true),
  }).prefault({}),
  schoolHours: z.object({
    enabled: z.boolean().default(true),
    start: clock.default('09:00'),
    end: clock.default('15:00'),
    /** ISO weekdays (1 = Monday ... 7 = Sunday) on which lessons may run. */
    days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  }).prefault({}),
  duration: z.object({
    pupilSessionMinutes: z.number().int().min(1).max(600).default(20),
    staffSessionMinutes: z.number().int().min(1).max(600).default(40),
    /** Minutes before the limit at which staff are warned. */
    countdownMinutes: z.array(z.number().int().min(1).max(120)).default([5]),
  }).prefault({}),
  scheduling: z.object({
    forbidMeetNow: z.boolean().default(true),
    minHoursAhead: z.number().min(0).max(24 * 30).default(48),
  }).prefault({}),
  pupilChecks: z.object({
    consent: z.boolean().default(true),
    parentPresent: z.boolean().default(true),
    communalRoom: z.boolean().default(true),
    /** Minutes after a pupil joins by which the checks must be recorded. */
    withinMinutes: z.number().int().min(0).max(60).default(5),
  }).prefault({}),
  checklist: z.object({
    expectationsRead: z.boolean().default(true),
    rolesAgreed: z.boolean().default(true),
    withinMinutes: z.number().int().min(0).max(60).default(5),
  }).prefault({}),
  recording: z.object({
    /** `always`: every lesson recorded; `ifSingleStaff`: only when one adult; `never`: not required. */
    required: z.enum(['always', 'ifSingleStaff', 'never']).default('always'),
    retentionDays: z.number().int().min(1).max(3650).default(30),
  }).prefault({}),
  presenters: z.object({
    screenSharingOff: z.boolean().default(true),
    muteOnEntry: z.boolean().default(true),
    allowedPresenters: z.enum(['organizer', 'roleIsPresenter', 'organization', 'everyone']).default('organizer'),
  }).prefault({}),
  endForAll: z.object({
    required: z.boolean().default(true),
    pupilsLeaveFirst: z.boolean().default(true),
  }).prefault({}),
  breach: z.object({
    endCallForAll: z.boolean().default(true),
    informDsl: z.boolean().default(true),
  }).prefault({}),
  /** Days meeting records (presence, checklist, register) are kept; concerns are kept by the school's own schedule. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  dsl: z.object({
    contacts: z.array(dslContact).default([]),
    /** Optional safeguarding channel conversation id for incident copies. */
    channelId: z.string().optional(),
  }).prefault({}),
  /** Concern levels the school triages to. */
  concernLevels: z.array(z.string().min(1)).min(1).default(['low-level', 'concern', 'child-protection']),
  /** The expectations read to pupils, shown on the code-of-conduct card at the start. */
  codeOfConduct: z.array(z.string().min(1)).default([]),
});

/** A validated policy with every default filled in. */
export type Policy = z.infer<typeof policySchema>;
/** What a policy file may contain: any subset of the fields. */
export type PolicyInput = z.input<typeof policySchema>;

/** A policy that failed validation; `issues` are `path: reason` lines a person can act on. */
export class PolicyError extends Error {
  constructor(readonly issues: string[]) {
    super(`The safeguarding policy is not valid:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

/** Validates raw policy data (already parsed from JSON or YAML) and fills defaults. */
export function parsePolicy(raw: unknown): Policy {
  const result = policySchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new PolicyError(
    result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(policy)'}: ${issue.message}`),
  );
}
