/**
 * The internet sockets a process holds, read from the OS (not from the process's own account of
 * itself): /proc on Linux, `lsof` on macOS, `netstat -ano` on Windows. Used to prove that the
 * Syncthing rig talks to nothing but 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface Socket {
  proto: 'tcp' | 'udp';
  local: string;
  remote: string;
  /** LISTEN, ESTABLISHED, … ('' for UDP). */
  state: string;
}

const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** /proc/net prints each 32-bit word of an address in host byte order (little-endian here). */
function hexWord(word: string): number[] {
  return [6, 4, 2, 0].map((i) => parseInt(word.slice(i, i + 2), 16));
}

function procAddress(hex: string): string {
  const [addr = '', portHex = '0'] = hex.split(':');
  const port = parseInt(portHex, 16);
  if (addr.length === 8) return `${hexWord(addr).join('.')}:${port}`;
  const bytes = [0, 8, 16, 24].flatMap((i) => hexWord(addr.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `[::ffff:${bytes.slice(12).join('.')}]:${port}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  const text = groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
  return `[${text}]:${port}`;
}

function linuxSockets(pid: number): Socket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const found: Socket[] = [];
  for (const file of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const inode = cols[9];
      if (!inode || !inodes.has(inode)) continue;
      const proto = file.startsWith('tcp') ? 'tcp' : 'udp';
      found.push({
        proto,
        local: procAddress(cols[1] ?? ''),
        remote: procAddress(cols[2] ?? ''),
        state: proto === 'tcp' ? (TCP_STATES[cols[3] ?? ''] ?? cols[3] ?? '') : '',
      });
    }
  }
  return found;
}

function lsofSockets(pid: number): Socket[] {
  let out = '';
  try {
    out = execFileSync('lsof', ['-nP', '-a', '-p', String(pid), '-i'], { encoding: 'utf8' });
  } catch (error) {
    // lsof exits 1 when the process holds no internet socket.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  return out
    .split('\n')
    .slice(1)
    .flatMap((line): Socket[] => {
      const match = /\b(TCP|UDP) (\S+?)(?:->(\S+))?(?: \((\w+)\))?$/.exec(line.trim());
      if (!match) return [];
      return [
        {
          proto: match[1] === 'TCP' ? 'tcp' : 'udp',
          local: match[2] ?? '',
          remote: match[3] ?? '*:*',
          state: match[4] ?? '',
        },
      ];
    });
}

function netstatSockets(pid: number): Socket[] {
  const out = execFileSync('netstat', ['-ano'], { encoding: 'utf8' });
  return out.split(/\r?\n/).flatMap((line): Socket[] => {
    const cols = line.trim().split(/\s+/);
    if (cols[0] === 'TCP' && cols[4] === String(pid)) {
      return [{ proto: 'tcp', local: cols[1] ?? '', remote: cols[2] ?? '', state: cols[3] ?? '' }];
    }
    if (cols[0] === 'UDP' && cols[3] === String(pid)) {
      return [{ proto: 'udp', local: cols[1] ?? '', remote: cols[2] ?? '', state: '' }];
    }
    return [];
  });
}

/** The TCP and UDP sockets `pid` holds right now. */
export function socketsOf(pid: number): Socket[] {
  if (process.platform === 'linux') return linuxSockets(pid);
  if (process.platform === 'win32') return netstatSockets(pid);
  return lsofSockets(pid);
}

function host(address: string): string {
  const bracketed = /^\[(.*)\]:[^:]*$/.exec(address);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const i = address.lastIndexOf(':');
  return i < 0 ? address : address.slice(0, i);
}

const isLoopback = (h: string): boolean =>
  /^127\./.test(h) || h === '::1' || /^::ffff:127\./i.test(h) || h === 'localhost';
const isUnspecified = (h: string): boolean => ['0.0.0.0', '::', '*', '[::]'].includes(h);

/**
 * Whether a socket stays on this machine's loopback: its own end is on 127.0.0.1 (or ::1), and the
 * far end is too — or there is none yet (a listening socket, whose far end reads 0.0.0.0:0).
 */
export function onLoopbackOnly(socket: Socket): boolean {
  const remote = host(socket.remote);
  return isLoopback(host(socket.local)) && (isLoopback(remote) || isUnspecified(remote));
}
