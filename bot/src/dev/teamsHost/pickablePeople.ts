/** Whom the simulated Teams host's people picker offers: the simulated school's staff, as Teams would give them. */
import type { SimSchool } from '../school.js';

/** A person as teams-js's `people.selectPeople` returns them. */
export interface PickablePerson {
  /** Their Entra object id. */
  objectId: string;
  displayName: string;
  email: string;
}

/**
 * The staff of the simulated school (DSLs included, pupils not), each with a made-up address at `school.example`
 * built from their name, since the sample school's file names no email addresses.
 */
export function pickableStaff(school: SimSchool): PickablePerson[] {
  return school.people
    .filter((person) => person.kind !== 'pupil')
    .map((person) => ({
      objectId: person.aadObjectId,
      displayName: person.name,
      email: `${person.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '.')
        .replace(/^\.|\.$/g, '')}@school.example`,
    }));
}
