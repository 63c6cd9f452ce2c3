/** Discord's limits on what a bot sends (API v10). Going over any of them is an HTTP 400. */

export const MAX_MESSAGE_LENGTH = 2_000;
export const MAX_EMBED_TITLE_LENGTH = 256;
export const MAX_EMBED_DESCRIPTION_LENGTH = 4_096;
/** Title, description, fields, footer and author of every embed of one message, together. */
export const MAX_EMBEDS_TOTAL_LENGTH = 6_000;
export const MAX_EMBEDS_PER_MESSAGE = 10;
export const MAX_EMBED_FIELD_VALUE_LENGTH = 1_024;
export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_ACTION_ROWS = 5;
export const MAX_AUTOCOMPLETE_CHOICES = 25;
export const MAX_CHOICE_NAME_LENGTH = 100;
export const MAX_CHOICE_VALUE_LENGTH = 100;
