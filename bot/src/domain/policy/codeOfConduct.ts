/**
 * The code of conduct shown to pupils (and their parents) when a lesson starts, one list per preset,
 * written for children from each seed's rules for pupils. Kept apart from the presets so the words
 * can be read and changed on their own.
 */
import type { PresetName } from './presets.js';

/** Pupil-friendly expectations per preset. */
export const CODES_OF_CONDUCT: Record<PresetName, string[]> = {
  strict: [
    // seed 001 #9, seed 002 line 35
    'Join from a shared room at home, like the kitchen or living room, never a bedroom.',
    'Have a parent or carer with you for the whole lesson.', // seed 001 #1, seed 002 line 24
    'Wait in the lobby until your teacher lets you in.', // seed 002 line 19
    'Use your real first name so your teacher knows who you are.', // seed 002 line 20, seed 004 line 59
    'You will be muted when you join; your teacher will give you a turn to speak.', // seed 004 line 53
    'Be kind and polite, just like in class.', // seed 000 pupils #6, seed 004 line 58
    // seed 000 pupils #7, seed 002 line 37, seed 004 lines 55-56
    'Never take photos, screenshots or recordings, and never share the lesson link.',
    'Leave the lesson when your teacher says goodbye.', // seed 001 #6
  ],
  'home-school': [
    'Be on time and have your device ready before the lesson starts.', // seed 000 pupils #1-2
    'Dress as you would for a non-uniform day at school.', // seed 000 pupils #3
    'Join from a shared room at home with a parent or carer beside you.', // seed 000 pupils #4-5
    'Keep pets and noise in another room so nobody is interrupted.', // seed 000 pupils #6
    'Show the same good manners and respect you show in school.', // seed 000 pupils #6 (second)
    'Never photograph or record the lesson, or share it online.', // seed 000 pupils #7
  ],
  roche: [
    'A parent or carer stays with you all the time and says it is OK to take part.', // seed 001 #1
    'Join from downstairs in a shared room, not your bedroom, with the TV and other devices off.', // seed 001 #9
    'Dress as you would for school.', // seed 001 #10
    'Talk with your teacher yourself; your grown-up is there to help.', // seed 001 #1, #5
    'When the lesson finishes, you leave first.', // seed 001 #6
  ],
  crossways: [
    'Log in 2 to 5 minutes early and wait in the lobby.', // seed 002 line 19
    'Show your name so your teacher knows who you are.', // seed 002 line 20
    'Have a parent or carer in the room with you all the time.', // seed 002 line 24
    'Take the call in a shared room like the lounge or kitchen, not your bedroom.', // seed 002 line 35
    'Dress as you would for school, and use kind words.', // seed 002 lines 31-33
    'No screenshots, please.', // seed 002 line 37
  ],
  'staff-guidance': [
    'Wait in the lobby until your teacher lets you in.', // seed 003 line 12
    'Your teacher can mute you, and will give you a turn to speak.', // seed 003 line 13
    'Follow the class rules, or your teacher may remove you from the lesson.', // seed 003 line 13
  ],
  goodmayes: [
    'You will be muted when you join, and you will get a chance to speak.', // seed 004 line 53
    'Listen to others: one person speaks at a time.', // seed 004 line 54
    'Sign in with your first name.', // seed 004 line 59
    'Please do not use a virtual background.', // seed 004 line 57
    'Never share screenshots or the meeting link on social media.', // seed 004 lines 55-56
    'Follow the school behaviour rules, even at home.', // seed 004 line 58
  ],
};
