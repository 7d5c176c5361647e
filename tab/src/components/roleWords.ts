import type { StatusView } from '../api/client.js';

type Role = StatusView['people'][number]['role'];

/** How the panel names each role the server gives a person (it never guesses one itself). */
export const ROLE_WORDS: Record<Role, string> = {
  staff: 'staff',
  pupil: 'pupil',
  guest: 'guest',
  unknown: 'not identified',
};
