import type { Activity } from 'botbuilder';

/**
 * The one greeting when Chaperone is added. A meeting chat is read by pupils and parents, so
 * the group greeting says only what Chaperone is for; staff get the commands in their 1:1 chat.
 */
export function welcomeActivity(personal: boolean): Partial<Activity> {
  const text = personal
    ? "Hello, I am Chaperone. I watch your lesson meetings for the school's safeguarding policy and tell you, privately, when something needs doing. " +
      'Type **concern** to log a safeguarding concern for the DSL, **policy** to see the rules in force, or **help** for everything I can do.'
    : "Chaperone is here to help keep this lesson safe. Please follow your teacher's instructions.";
  return { type: 'message', text };
}
