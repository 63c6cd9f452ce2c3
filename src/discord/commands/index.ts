import type { BotCommand } from '../command.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { reindex } from './reindex.js';
import { sources } from './sources.js';

/** The one list of slash commands: the bot dispatches to these and `npm run register` registers them. */
export const commands: readonly BotCommand[] = [ask, sources, help, reindex];
