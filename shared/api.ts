/**
 * One API builder, two transports: the Electron preload calls `createKineticBridge` with
 * ipcRenderer, the e2e harness calls it inside the page with a Playwright binding. The bridge
 * answers every call with the `IpcResult` envelope (plain data crosses Electron's context bridge
 * intact, an error's own fields would not); renderer/ipc.ts turns it into `KineticApi`, whose
 * calls resolve to the reply or reject with a `KineticIpcError` carrying the code as a field.
 */
import type { EventPayloads, IpcErrorCode, IpcErrorInfo, IpcResult, ReplyOf, RequestOf } from './ipc';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './ipcChannels';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never;

/** A call's answer: the reply itself (KineticApi), or the envelope around it (KineticBridge). */
type Answer<C extends InvokeChannel, Envelope extends boolean> = Envelope extends true
  ? IpcResult<ReplyOf<C>>
  : ReplyOf<C>;

type InvokeMethod<C extends InvokeChannel, Envelope extends boolean> = [RequestOf<C>] extends [undefined]
  ? () => Promise<Answer<C, Envelope>>
  : (request: RequestOf<C>) => Promise<Answer<C, Envelope>>;

type EventMethod<E extends EventChannel> = (listener: (payload: EventPayloads[E]) => void) => () => void;

type ApiShape<Envelope extends boolean> = {
  [D in DomainOf<InvokeChannel | EventChannel>]: {
    [C in InvokeChannel as DomainOf<C> extends D ? VerbOf<C> : never]: InvokeMethod<C, Envelope>;
  } & {
    [E in EventChannel as DomainOf<E> extends D ? `on${Capitalize<VerbOf<E>>}` : never]: EventMethod<E>;
  };
};

/** `kinetic.<domain>.<verb>(request)` for invokes, `kinetic.<domain>.on<Verb>(listener)` for events. */
export type KineticApi = ApiShape<false>;
/** window.kinetic, as the preload exposes it: the same methods, each answering with the envelope. */
export type KineticBridge = ApiShape<true>;

export interface KineticTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** An IPC call that main refused or that failed: `code` says which, `message` says why, for the user. */
export class KineticIpcError extends Error {
  readonly code: IpcErrorCode;
  readonly channel: string;
  constructor(info: IpcErrorInfo) {
    super(info.message);
    this.name = 'KineticIpcError';
    this.code = info.code;
    this.channel = info.channel;
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Calls `build` for each method of the API: invokes by channel, events by `on<Verb>` name. */
function buildApi(
  invoke: (channel: InvokeChannel) => (payload?: unknown) => Promise<unknown>,
  subscribe: (channel: EventChannel) => (listener: (payload: unknown) => void) => () => void,
): Record<string, Record<string, unknown>> {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string): Record<string, unknown> => (api[name] ??= {});
  for (const channel of INVOKE_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[verb] = invoke(channel);
  }
  for (const channel of EVENT_CHANNELS) {
    const [d, verb] = channel.split(':') as [string, string];
    domain(d)[`on${capitalize(verb)}`] = subscribe(channel);
  }
  for (const value of Object.values(api)) Object.freeze(value);
  return Object.freeze(api);
}

/** What the preload exposes as window.kinetic: one method per channel, nothing else. */
export function createKineticBridge(transport: KineticTransport): KineticBridge {
  return buildApi(
    (channel) => (payload) => transport.invoke(channel, payload),
    (channel) => (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
      return transport.subscribe(channel, listener);
    },
  ) as unknown as KineticBridge;
}

/** The bridge as the renderer uses it: each call resolves to its reply or rejects with a KineticIpcError. */
export function fromBridge(bridge: KineticBridge): KineticApi {
  const methods = bridge as unknown as Record<string, Record<string, (arg?: unknown) => unknown>>;
  const method = (channel: string, name: string) => {
    const [d] = channel.split(':') as [string];
    return methods[d]![name]!;
  };
  return buildApi(
    (channel) => async (payload) => {
      const call = method(channel, channel.split(':')[1]!);
      const result = (await call(payload)) as IpcResult<unknown>;
      if (result.ok) return result.value;
      throw new KineticIpcError(result.error);
    },
    (channel) => (listener) =>
      method(channel, `on${capitalize(channel.split(':')[1]!)}`)(listener) as () => void,
  ) as unknown as KineticApi;
}

/** Both at once, for code that has the transport in its own world (unit tests, bench pages). */
export function createKineticApi(transport: KineticTransport): KineticApi {
  return fromBridge(createKineticBridge(transport));
}
