import { z } from 'zod';
import {
  invokeChannels,
  windowKindOfPath,
  type InvokeChannel,
  type IpcErrorCode,
  type IpcResult,
  type ParsedRequestOf,
  type ReplyOf,
  type WindowKind,
} from '../../../shared/ipc';
import { oneSentence, quoted } from '../../../shared/text';
import type { Logger } from '../ports';
import { issuePhrase } from '../../../shared/textSchema';

/** Who sent an invoke: the URL of the frame that called. */
export interface SenderInfo {
  url: string;
}

export interface CallContext {
  window: WindowKind;
}

type Handler<C extends InvokeChannel> = (
  request: ParsedRequestOf<C>,
  context: CallContext,
) => ReplyOf<C> | Promise<ReplyOf<C>>;

/**
 * The main-side handler registry. Every invoke passes through `invoke`, which checks that the
 * sender is one of our own windows (by origin and page), validates the payload with the
 * channel's zod schema, and answers with an `IpcResult` envelope — never a crash.
 */
export class IpcRegistry {
  private readonly handlers = new Map<InvokeChannel, Handler<InvokeChannel>>();

  /** @param trustedOrigins origins our pages are served from, e.g. `app://kinetic`. */
  constructor(
    private readonly trustedOrigins: readonly string[],
    private readonly log: Logger = { warn: (m) => console.warn(m) },
  ) {}

  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`A handler for ${channel} is already registered`);
    this.handlers.set(channel, handler as unknown as Handler<InvokeChannel>);
  }

  /** Channels in the contract that have no handler (a wiring mistake). */
  missingHandlers(): InvokeChannel[] {
    return (Object.keys(invokeChannels) as InvokeChannel[]).filter((c) => !this.handlers.has(c));
  }

  senderWindow(sender: SenderInfo): WindowKind | null {
    let url: URL;
    try {
      url = new URL(sender.url);
    } catch {
      return null;
    }
    // `new URL('app://kinetic/x').origin` is "null" for non-special schemes: compare by hand.
    const origin = `${url.protocol}//${url.host}`;
    if (!this.trustedOrigins.includes(origin)) return null;
    return windowKindOfPath(url.pathname);
  }

  async invoke(channel: unknown, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>> {
    const given = typeof channel === 'string' ? channel : safeString(channel);
    const known = Object.hasOwn(invokeChannels, given);
    const name = known ? given : quoted(given);
    // Every refusal is one sentence of at most MAX_ERROR units that quotes at most MAX_QUOTE of
    // what was sent: it reaches the log and may reach the screen.
    const fail = (code: IpcErrorCode, text: string): IpcResult<never> => {
      const message = oneSentence(text);
      this.log.warn(`ipc ${name} refused (${code}): ${message}`);
      return { ok: false, error: { code, channel: name, message } };
    };

    if (!known) return fail('unknown-channel', `There is no channel “${name}”`);
    const key = name as InvokeChannel;
    const spec = invokeChannels[key];

    const window = this.senderWindow(sender);
    if (window === null)
      return fail(
        'forbidden-sender',
        `The sender “${quoted(String(sender?.url ?? ''))}” is not a Kinetic window`,
      );
    if (!(spec.from as readonly WindowKind[]).includes(window)) {
      return fail('forbidden-sender', `The ${window} window may not call this channel`);
    }

    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalid-payload', issue ? issuePhrase(issue) : 'The request is not valid');
    }

    const handler = this.handlers.get(key);
    if (!handler) return fail('failed', 'No handler is registered');
    try {
      const value = await handler(parsed.data as ParsedRequestOf<InvokeChannel>, { window });
      return { ok: true, value: value ?? null };
    } catch (error) {
      return fail('failed', failure(error));
    }
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

/** A handler's error as a sentence: a zod error by its first issue, never its JSON. */
function failure(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return issue ? issuePhrase(issue) : 'The request is not valid';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() === '' ? 'Something went wrong' : message;
}
