import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';

/** A person of the simulated school: who they are in Teams and to the school. */
export interface SimPerson {
  aadObjectId: string;
  teamsId: string;
  name: string;
  /** What they do at school, e.g. "Class teacher" or "Pupil, Year 5" (display only). */
  job: string;
  /** The role Teams gives them in a lesson meeting (never what makes them staff). */
  meetingRole: 'Organizer' | 'Presenter' | 'Attendee';
  /** From the staff list: staff, DSL (also staff) or pupil. */
  kind: 'staff' | 'dsl' | 'pupil';
}

/** The simulated school. */
export interface SimSchool {
  name: string;
  tenantId: string;
  people: SimPerson[];
}

/** The sample school shipped with the simulator (also the default `STAFF_DIRECTORY_FILE` locally). */
export const SAMPLE_SCHOOL_FILE = fileURLToPath(new URL('./sampleSchool.json', import.meta.url));

const schoolFile = z.object({
  school: z.string().default('Sample school'),
  tenantId: z.string().uuid(),
  staff: z.array(z.string()).default([]),
  dsl: z.array(z.string()).default([]),
  people: z
    .array(
      z.object({
        aadObjectId: z.string().min(1),
        teamsId: z.string().regex(/^29:/),
        name: z.string().min(1),
        job: z.string().default(''),
        meetingRole: z.enum(['Organizer', 'Presenter', 'Attendee']).default('Attendee'),
      }),
    )
    .min(1),
});

/**
 * Reads a school file (the staff directory format plus `tenantId` and `people`). A staff list
 * without `people` cannot drive the simulator, so the sample school is used instead.
 */
export function loadSimSchool(file: string = SAMPLE_SCHOOL_FILE): SimSchool {
  const parsed = schoolFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) return file === SAMPLE_SCHOOL_FILE ? failed(parsed.error.message) : loadSimSchool();
  const { staff, dsl } = parsed.data;
  return {
    name: parsed.data.school,
    tenantId: parsed.data.tenantId,
    people: parsed.data.people.map((p) => ({
      ...p,
      kind: dsl.includes(p.aadObjectId) ? 'dsl' : staff.includes(p.aadObjectId) ? 'staff' : 'pupil',
    })),
  };
}

function failed(reason: string): never {
  throw new Error(
    `The simulator's sample school is not valid (${reason}); restore bot/src/dev/sampleSchool.json from git.`,
  );
}

/** One person of the school by Entra object id; throws a sentence the page can show. */
export function personOf(school: SimSchool, aadObjectId: unknown): SimPerson {
  const person = school.people.find((p) => p.aadObjectId === aadObjectId);
  if (!person)
    throw new HttpError(400, 'unknownPerson', 'That person is not in the sample school; reload the simulator page.');
  return person;
}
