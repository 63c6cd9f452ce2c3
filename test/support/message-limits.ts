/**
 * The limits real Discord enforces on a message payload, checked by the fake so that a bot
 * that overflows them gets the same HTTP 400 it would get in production.
 */

export interface FormError {
  /** Dotted path of the offending field, as Discord reports it (`embeds.0.description`). */
  path: string;
  code: string;
  message: string;
}

interface EmbedPayload {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

interface ComponentPayload {
  type?: number;
  custom_id?: string;
  label?: string;
  url?: string;
  components?: ComponentPayload[];
  options?: unknown[];
}

export interface MessagePayload {
  content?: string | null;
  embeds?: EmbedPayload[] | null;
  components?: ComponentPayload[] | null;
  attachments?: unknown[] | null;
  flags?: number;
}

const ACTION_ROW = 1;
const BUTTON = 2;
const LINK_STYLE = 5;

function tooLong(path: string, max: number): FormError {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function checkLength(errors: FormError[], path: string, value: string | undefined | null, max: number): number {
  const length = value?.length ?? 0;
  if (length > max) errors.push(tooLong(path, max));
  return length;
}

function checkEmbeds(embeds: EmbedPayload[], errors: FormError[]): void {
  if (embeds.length > 10) errors.push(tooLong('embeds', 10));
  let total = 0;
  embeds.forEach((embed, i) => {
    total += checkLength(errors, `embeds.${i}.title`, embed.title, 256);
    total += checkLength(errors, `embeds.${i}.description`, embed.description, 4096);
    total += checkLength(errors, `embeds.${i}.footer.text`, embed.footer?.text, 2048);
    total += checkLength(errors, `embeds.${i}.author.name`, embed.author?.name, 256);
    const fields = embed.fields ?? [];
    if (fields.length > 25) errors.push(tooLong(`embeds.${i}.fields`, 25));
    fields.forEach((field, j) => {
      total += checkLength(errors, `embeds.${i}.fields.${j}.name`, field.name, 256);
      total += checkLength(errors, `embeds.${i}.fields.${j}.value`, field.value, 1024);
    });
  });
  if (total > 6000) {
    errors.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  }
}

function checkComponents(rows: ComponentPayload[], errors: FormError[]): void {
  if (rows.length > 5) errors.push(tooLong('components', 5));
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.type !== ACTION_ROW) {
      errors.push({ path: `components.${i}.type`, code: 'COMPONENT_LAYOUT_INVALID', message: 'Top level components must be action rows' });
      return;
    }
    const children = row.components ?? [];
    if (children.length === 0 || children.length > 5) errors.push(tooLong(`components.${i}.components`, 5));
    children.forEach((child, j) => {
      const path = `components.${i}.components.${j}`;
      if (child.custom_id !== undefined) {
        checkLength(errors, `${path}.custom_id`, child.custom_id, 100);
        if (seen.has(child.custom_id)) {
          errors.push({ path: `${path}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        }
        seen.add(child.custom_id);
      }
      if (child.type === BUTTON) {
        checkLength(errors, `${path}.label`, child.label, 80);
        const isLink = (child as { style?: number }).style === LINK_STYLE;
        if (isLink ? !child.url : !child.custom_id) {
          errors.push({ path, code: 'BUTTON_COMPONENT_INVALID', message: 'A button needs a custom_id, or a url for link buttons' });
        }
      }
    });
  });
}

/** Checks a message as it will exist after a create or edit; returns every problem found. */
export function validateMessage(message: MessagePayload): FormError[] {
  const errors: FormError[] = [];
  checkLength(errors, 'content', message.content, 2000);
  checkEmbeds(message.embeds ?? [], errors);
  checkComponents(message.components ?? [], errors);
  return errors;
}

/** Discord's 50006: a message needs content, an embed, a component or an attachment. */
export function isEmptyMessage(message: MessagePayload): boolean {
  return (
    !message.content &&
    (message.embeds ?? []).length === 0 &&
    (message.components ?? []).length === 0 &&
    (message.attachments ?? []).length === 0
  );
}

interface ChoicePayload {
  name?: string;
  value?: unknown;
}

/** Limits on an autocomplete answer (callback type 8). */
export function validateChoices(choices: ChoicePayload[]): FormError[] {
  const errors: FormError[] = [];
  if (choices.length > 25) errors.push(tooLong('choices', 25));
  choices.forEach((choice, i) => {
    const name = choice.name ?? '';
    if (name.length < 1 || name.length > 100) errors.push(tooLong(`choices.${i}.name`, 100));
    if (typeof choice.value === 'string' && choice.value.length > 100) errors.push(tooLong(`choices.${i}.value`, 100));
  });
  return errors;
}

/** Turns the problems into Discord's nested `errors` object of a 50035 answer. */
export function toDiscordErrors(errors: FormError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const key of error.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code: error.code, message: error.message });
  }
  return root;
}
