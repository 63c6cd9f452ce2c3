import { REST, type Client, type InternalRequest, type RESTOptions } from 'discord.js';
import type { NamedSecret } from '../index.js';
import { sanitizeOutgoing } from './outgoing-body.js';

/**
 * Every request the bot makes to Discord passes here, whichever handler made it:
 * - its body goes through sanitizeOutgoing (no configured secret, message fields within limits);
 * - interaction responses (edits of a deferred reply, follow-ups: requests discord.js sends
 *   without the bot token) use a queue of their own. Discord does not count them against the
 *   bot's global 50 requests a second, but discord.js's limiter does (it exempts only the first
 *   response, the deferral), so under a burst answers waited seconds behind each other.
 */

/** A cap for interaction responses only, well above any burst the answer queue lets through. */
const INTERACTION_REQUESTS_PER_SECOND = 1_000;

/** Installs the boundary on a client (before login); returns what stops the extra queue's timers. */
export function guardRequests(client: Client, secrets: readonly NamedSecret[], restOptions: Partial<RESTOptions> = {}): () => void {
  const interactions = new REST({ ...restOptions, globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND });
  const rest = client.rest;
  const queueForBot = rest.queueRequest.bind(rest);
  rest.queueRequest = (request: InternalRequest) => {
    const safe: InternalRequest = request.body === undefined ? request : { ...request, body: sanitizeOutgoing(request.body, secrets) };
    return request.auth === false ? interactions.queueRequest(safe) : queueForBot(safe);
  };
  return () => {
    interactions.clearHashSweeper();
    interactions.clearHandlerSweeper();
  };
}
