import type { BotCommand } from '../command.js';
import { add } from './add.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { reindex } from './reindex.js';
import { remove } from './remove.js';
import { sources } from './sources.js';
import { stats } from './stats.js';

/** The one list of slash commands: the bot dispatches to these and `npm run register` registers them. */
export const commands: readonly BotCommand[] = [ask, sources, help, add, remove, stats, reindex];
