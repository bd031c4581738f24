/**
 * One API builder, two transports: the Electron preload calls `createKineticApi` with
 * ipcRenderer, the e2e harness calls it inside the page with a Playwright binding.
 */
import type { EventPayloads, IpcErrorCode, IpcErrorInfo, IpcResult, ReplyOf, RequestOf } from './ipc';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './ipcChannels';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never;

type InvokeMethod<C extends InvokeChannel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<ReplyOf<C>>
  : (request: RequestOf<C>) => Promise<ReplyOf<C>>;

type EventMethod<E extends EventChannel> = (listener: (payload: EventPayloads[E]) => void) => () => void;

/** `kinetic.<domain>.<verb>(request)` for invokes, `kinetic.<domain>.on<Verb>(listener)` for events. */
export type KineticApi = {
  [D in DomainOf<InvokeChannel | EventChannel>]: {
    [C in InvokeChannel as DomainOf<C> extends D ? VerbOf<C> : never]: InvokeMethod<C>;
  } & {
    [E in EventChannel as DomainOf<E> extends D ? `on${Capitalize<VerbOf<E>>}` : never]: EventMethod<E>;
  };
};

export interface KineticTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/**
 * An IPC call that main refused or that failed. The code also leads the message
 * (`[invalid-payload] …`) because Electron's context bridge keeps only an error's message.
 */
export class KineticIpcError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: string;
  constructor(info: IpcErrorInfo) {
    super(`[${info.code}] ${info.channel}: ${info.message}`);
    this.name = 'KineticIpcError';
    this.code = info.code;
    this.channel = info.channel;
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function createKineticApi(transport: KineticTransport): KineticApi {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string): Record<string, unknown> => (api[name] ??= {});

  for (const channel of INVOKE_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[verb] = async (payload?: unknown): Promise<unknown> => {
      const result = await transport.invoke(channel, payload);
      if (result.ok) return result.value;
      throw new KineticIpcError(result.error);
    };
  }
  for (const channel of EVENT_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[`on${capitalize(verb)}`] = (listener: (payload: unknown) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
      return transport.subscribe(channel, listener);
    };
  }
  for (const value of Object.values(api)) Object.freeze(value);
  return Object.freeze(api) as unknown as KineticApi;
}
