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

export interface Logger {
  warn(message: string): void;
}

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
    const name = typeof channel === 'string' ? channel : String(channel);
    const fail = (code: IpcErrorCode, message: string): IpcResult<never> => {
      this.log.warn(`ipc ${name} refused (${code}): ${message}`);
      return { ok: false, error: { code, channel: name, message } };
    };

    if (!Object.hasOwn(invokeChannels, name)) return fail('unknown-channel', 'No such channel');
    const key = name as InvokeChannel;
    const spec = invokeChannels[key];

    const window = this.senderWindow(sender);
    if (window === null)
      return fail('forbidden-sender', `Sender ${describeUrl(sender.url)} is not a Kinetic window`);
    if (!(spec.from as readonly WindowKind[]).includes(window)) {
      return fail('forbidden-sender', `The ${window} window may not call this channel`);
    }

    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)
        .join('; ');
      return fail('invalid-payload', detail);
    }

    const handler = this.handlers.get(key);
    if (!handler) return fail('failed', 'No handler is registered');
    try {
      const value = await handler(parsed.data as ParsedRequestOf<InvokeChannel>, { window });
      return { ok: true, value: value ?? null };
    } catch (error) {
      return fail('failed', error instanceof Error ? error.message : String(error));
    }
  }
}

function describeUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}...` : url || '(unknown)';
}
