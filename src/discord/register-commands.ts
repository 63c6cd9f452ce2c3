import {
  DiscordAPIError,
  REST,
  Routes,
  type APIApplication,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';
import type { Config } from '../config/config.js';
import { ExplainedError } from '../errors.js';
import { commands } from './commands/index.js';

/** A problem registering commands, with a message that says what to do about it. */
export class RegisterCommandsError extends ExplainedError {
  override name = 'RegisterCommandsError';
}

export interface RegisterResult {
  applicationId: string;
  /** Guild commands show up at once in that server; global ones can take up to an hour. */
  scope: 'guild' | 'global';
  guildId: string | null;
  names: string[];
}

/** The JSON of every slash command, from the one list the bot also dispatches from. */
export function buildCommandPayloads(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => command.data.toJSON());
}

const PORTAL = 'https://discord.com/developers/applications';

function explain(error: unknown, config: Pick<Config, 'DISCORD_GUILD_ID'>): RegisterCommandsError {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return new RegisterCommandsError(`Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy a fresh token from ${PORTAL} (your application > Bot > Reset Token) into .env.`);
    }
    if (error.status === 403 || error.code === 50001) {
      return new RegisterCommandsError(
        config.DISCORD_GUILD_ID
          ? `Discord refused access to guild ${config.DISCORD_GUILD_ID}. Invite the bot to that server with the "applications.commands" scope, check DISCORD_GUILD_ID, or unset it to register the commands globally.`
          : `Discord refused to register the commands (403). Check that DISCORD_APPLICATION_ID belongs to the bot whose token is in DISCORD_TOKEN.`,
      );
    }
    if (error.status === 404) {
      return new RegisterCommandsError('Discord does not know this application. Check DISCORD_APPLICATION_ID (the "Application ID" on the General Information page of the portal).');
    }
    return new RegisterCommandsError(`Discord rejected the command registration (${error.status}, code ${String(error.code)}): ${error.message}`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new RegisterCommandsError(`Could not reach Discord to register the commands: ${reason}. Check the network (or DISCORD_API_URL).`);
}

/**
 * Registers the bot's slash commands, replacing whatever was registered before: in one guild when
 * DISCORD_GUILD_ID is set (instant, for development), else globally. The application id comes from
 * DISCORD_APPLICATION_ID or is asked of Discord.
 */
export async function registerCommands(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL'>,
): Promise<RegisterResult> {
  if (!config.DISCORD_TOKEN) {
    throw new RegisterCommandsError(
      `DISCORD_TOKEN is not set. Copy the bot token from ${PORTAL} (your application > Bot > Reset Token) and put DISCORD_TOKEN=... in .env, then run npm run register again.`,
    );
  }
  const rest = new REST({ version: '10', ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) }).setToken(config.DISCORD_TOKEN);
  try {
    const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const guildId = config.DISCORD_GUILD_ID ?? null;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const registered = (await rest.put(route, { body: buildCommandPayloads() })) as RESTPutAPIApplicationCommandsResult;
    return { applicationId, scope: guildId ? 'guild' : 'global', guildId, names: registered.map((command) => command.name) };
  } catch (error) {
    throw explain(error, config);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
