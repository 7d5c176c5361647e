/** Chat commands and card actions for the bot's ActivityHandler. */
export { createChatCommands, type ChatCommandDeps, type ChatCommands } from './chatCommands.js';
export { createConcernNotifier } from './concernNotifier.js';
