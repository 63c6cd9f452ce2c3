import 'dotenv/config';
import { loadConfig } from '../index.js';
import { registerCommands } from '../discord/register-commands.js';

/** `npm run register`: registers the slash commands with Discord (guild-scoped when DISCORD_GUILD_ID is set). */
try {
  const result = await registerCommands(loadConfig());
  const where = result.scope === 'guild' ? `in guild ${result.guildId} (available now)` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${result.names.length} commands ${where}: ${result.names.map((name) => `/${name}`).join(', ')}`);
} catch (error) {
  // One clear paragraph: these are configuration problems, a stack trace would only hide the fix.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
