import { z } from 'zod';

/** Lobby bypass scopes Teams offers, from least to most open (Graph `lobbyBypassSettings.scope`). */
export const LOBBY_SCOPES = [
  'organizer',
  'invited',
  'organizationExcludingGuests',
  'organization',
  'organizationAndFederated',
  'everyone',
] as const;
export type LobbyScope = (typeof LOBBY_SCOPES)[number];

/** Who may present, as Graph names it (`onlineMeetingPresenters`), from least to most open. */
export const PRESENTER_SCOPES = ['organizer', 'roleIsPresenter', 'organization', 'everyone'] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 09:00');

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone, e.g. Europe/London');

const dslContact = z.strictObject({
  name: z.string().min(1),
  aadObjectId: z.string().min(1, "must be the DSL's Entra object id"),
  teamsId: z.string().optional(),
});

/**
 * A school's remote-lesson policy. Every field has a default (the strict preset's value), so a
 * policy file names only what differs. Each block maps to a rule in `rules/`.
 */
export const policySchema = z.strictObject({
  /** Preset the policy starts from; recorded so staff see where a rule comes from. */
  preset: z.string().default('strict'),
  school: z
    .strictObject({
      name: z.string().default('Our school'),
      timeZone: timeZone.default('Europe/London'),
    })
    .prefault({}),
  /** Seconds a breach must last before anyone is told (a reconnect takes a few seconds; DESIGN section 2). */
  graceSeconds: z.number().int().min(0).max(600).default(30),
  lobby: z
    .strictObject({
      required: z.boolean().default(true), // seed 002 line 18, seed 003 line 12, seed 004 line 34
      /** The most open lobby bypass allowed; pupils and guests must always wait. */
      maxBypassScope: z.enum(LOBBY_SCOPES).default('organizer'), // seed 003 line 12: the organiser admits each child
      dialInBypass: z.boolean().default(false), // seed 002 line 18: staff see everyone who waits
      checkInvitees: z.boolean().default(true), // seed 002 line 18: staff check they were invited
    })
    .prefault({}),
  staffing: z
    .strictObject({
      /** Staff who must be present whenever any pupil is. */
      minStaffWithPupils: z.number().int().min(1).max(10).default(2), // seed 000 #7, seed 003 line 4
      /** With only one member of staff, the lesson must be recorded. */
      recordIfSingleStaff: z.boolean().default(true), // seed 003 line 4
      /** Never exactly one adult and one pupil with nobody else. */
      forbidOneToOne: z.boolean().default(true), // seed 003 line 3
      /**
       * People in the call while a pupil is, counting a parent recorded as present beside their child (seed 001 #4).
       */
      minParticipants: z.number().int().min(2).max(50).default(3), // seed 001 #4
      /** Alert the DSL when pupils are in the meeting with no staff. */
      unsupervisedAlert: z.boolean().default(true), // seed 000 #10, seed 003 line 15
    })
    .prefault({}),
  schoolHours: z
    .strictObject({
      enabled: z.boolean().default(true), // seed 001 #3
      start: clock.default('09:00'), // seed 001 #3
      end: clock.default('15:00'), // seed 001 #3
      /** ISO weekdays (1 = Monday ... 7 = Sunday) on which lessons may run. */
      // seed 001 #3: school hours mean school days
      days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    })
    .prefault({}),
  duration: z
    .strictObject({
      /** Whether lessons have a time limit at all (added: schools without one turn it off). */
      enabled: z.boolean().default(true), // seed 004 line 28
      pupilSessionMinutes: z.number().int().min(1).max(600).default(20), // seed 004 line 28
      staffSessionMinutes: z.number().int().min(1).max(600).default(40), // seed 004 line 29
      /** Minutes before the limit at which staff are warned. */
      countdownMinutes: z.array(z.number().int().min(1).max(120)).default([5]),
    })
    .prefault({}),
  scheduling: z
    .strictObject({
      forbidMeetNow: z.boolean().default(true), // seed 003 line 10
      minHoursAhead: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(48), // seed 001 #8
    })
    .prefault({}),
  pupilChecks: z
    .strictObject({
      consent: z.boolean().default(true), // seed 001 #1, seed 003 line 7
      parentPresent: z.boolean().default(true), // seed 000 pupils #5, seed 001 #1, seed 002 line 27
      communalRoom: z.boolean().default(true), // seed 000 pupils #4, seed 001 #9, seed 002 line 35
      /** Minutes after a pupil joins by which the checks must be recorded. */
      withinMinutes: z.number().int().min(0).max(60).default(5),
    })
    .prefault({}),
  checklist: z
    .strictObject({
      expectationsRead: z.boolean().default(true), // seed 001 #7
      rolesAgreed: z.boolean().default(true), // seed 000 #9
      withinMinutes: z.number().int().min(0).max(60).default(5),
    })
    .prefault({}),
  recording: z
    .strictObject({
      /** `always`: every lesson recorded; `ifSingleStaff`: only when one adult; `never`: not required. */
      required: z.enum(['always', 'ifSingleStaff', 'never']).default('always'), // seed 001 #2, seed 004 line 35
      retentionDays: z.number().int().min(1).max(3650).default(30), // seed 004 line 36
    })
    .prefault({}),
  presenters: z
    .strictObject({
      screenSharingOff: z.boolean().default(true), // seed 004 line 31
      muteOnEntry: z.boolean().default(true), // seed 004 line 53
      allowedPresenters: z.enum(PRESENTER_SCOPES).default('organizer'), // seed 004 line 27
    })
    .prefault({}),
  endForAll: z
    .strictObject({
      required: z.boolean().default(true), // seed 000 #10, seed 003 lines 14-15
      pupilsLeaveFirst: z.boolean().default(true), // seed 001 #6
    })
    .prefault({}),
  breach: z
    .strictObject({
      endCallForAll: z.boolean().default(true), // seed 002 line 41
      informDsl: z.boolean().default(true), // seed 002 line 41
    })
    .prefault({}),
  /** Days meeting records (presence, checklist, register) are kept; concerns are kept by the school's own schedule. */
  retentionDays: z.number().int().min(1).max(3650).default(30), // seed 004 line 36
  dsl: z
    .strictObject({
      contacts: z.array(dslContact).default([]),
      /** Optional safeguarding channel conversation id for incident copies. */
      channelId: z.string().optional(),
      /** The number staff are told to phone when an alert could not be delivered (empty: "phone the DSL"). */
      phone: z.string().trim().max(40).optional(),
    })
    .prefault({}),
  /**
   * When nobody acknowledges a critical alert: the deputies are told this many minutes after the
   * DSLs, then the senior leadership team this many minutes after the deputies.
   */
  escalation: z
    .strictObject({
      deputiesAfterMinutes: z.number().int().min(1).max(120).default(5),
      sltAfterMinutes: z.number().int().min(1).max(240).default(10),
    })
    .prefault({}),
  /**
   * Cards for the senior leadership team (the staff file's `slt` list), off unless the school turns
   * them on: on school days, the day's lessons Chaperone knows of; on Mondays, last week's report.
   */
  seniorTeam: z
    .strictObject({
      morningDigest: z.boolean().default(false), // seed 000 #1: sessions known to the senior management team
      weeklyReport: z.boolean().default(false),
      /** When both cards are sent, on the school's clock; a service down then sends them late, until school ends. */
      sendAt: clock.default('07:30'),
    })
    .prefault({}),
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
