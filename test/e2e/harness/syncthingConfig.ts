/**
 * What the Syncthing rig (./syncthing.ts) is made of: finding the binary, free ports, and the
 * config.xml each instance starts from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { delimiter, join } from 'node:path';

export const FOLDER_ID = 'kinetic-sync-test';
/** How often the rig looks for changes without the watcher (network drives have none). */
export const RESCAN_INTERVAL_S = 3;
/** How long the watcher gathers changes before it scans (1 is the least 1.19 takes). */
export const WATCHER_DELAY_S = 1;

const INSTALL_HINT =
  'The two-device sync tests run two real Syncthing instances and cannot run without it. Install it: ' +
  'Debian/Ubuntu `sudo apt-get install -y syncthing` (.ci/run does this when run as root), ' +
  'macOS `brew install syncthing`, Windows `choco install syncthing`; or set SYNCTHING_PATH to the binary.';

/** The Syncthing binary: $SYNCTHING_PATH, or `syncthing` on PATH. Throws how to install it. */
export function findSyncthing(): string {
  const fromEnv = process.env['SYNCTHING_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`SYNCTHING_PATH is set to ${fromEnv}, but there is no file there. ${INSTALL_HINT}`);
  }
  const names = process.platform === 'win32' ? ['syncthing.exe'] : ['syncthing'];
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`Syncthing is not installed (no \`syncthing\` on PATH). ${INSTALL_HINT}`);
}

export function syncthingVersion(bin: string): string {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const match = /syncthing (v\d+\.\d+\.\d+\S*)/.exec(out.stdout ?? '');
  if (!match?.[1]) throw new Error(`${bin} --version did not print a version (${out.stderr ?? out.error}).`);
  return match[1];
}

/** Ports the OS says are free now, all different (each is held until all are found). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(0, '127.0.0.1', ok);
      });
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

/**
 * `devices` are both instances; `address` is where this instance dials each one: the peer's
 * loopback port, or 'dynamic', which with discovery off means "never dial, wait to be dialled".
 */
export function xmlConfig(opts: {
  self: { apiKey: string; guiPort: number; syncPort: number; dir: string };
  devices: { id: string; name: string; address: string }[];
}): string {
  const { self, devices } = opts;
  const members = devices.map((d) => `        <device id="${d.id}" introducedBy=""></device>`).join('\n');
  const peers = devices
    .map(
      (d) => `    <device id="${d.id}" name="${d.name}" compression="metadata" introducer="false">
        <address>${d.address}</address>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`,
    )
    .join('\n');
  return `<configuration version="36">
    <folder id="${FOLDER_ID}" label="${FOLDER_ID}" path="${self.dir}" type="sendreceive" rescanIntervalS="${RESCAN_INTERVAL_S}" fsWatcherEnabled="true" fsWatcherDelayS="${WATCHER_DELAY_S}" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
${members}
        <minDiskFree unit="%">0</minDiskFree>
        <maxConflicts>10</maxConflicts>
    </folder>
${peers}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.guiPort}</address>
        <apikey>${self.apiKey}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.syncPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <restartOnWakeup>false</restartOnWakeup>
        <setLowPriority>false</setLowPriority>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <announceLANAddresses>false</announceLANAddresses>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`;
}
