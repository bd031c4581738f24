import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_BYTES, WINDOW_KINDS } from '../../shared/ipc';
import { startTestKinetic, task } from '../fakes/testKinetic';

describe('history:export', () => {
  const request = { fileName: 'kinetic-history.md', markdown: '# History\n\n- Wrote the intro (25 min)\n' };

  it('asks where to save, with the file name and a title, then writes the markdown there', async () => {
    const k = await startTestKinetic();
    k.dialog.answer = '/home/me/Documents/history.md';
    const result = await k.call('history:export', request);
    expect(result).toEqual({ saved: true, path: '/home/me/Documents/history.md' });
    expect(k.dialog.asked).toEqual([
      {
        defaultName: 'kinetic-history.md',
        title: 'Export to Markdown',
        kind: { name: 'Markdown', extensions: ['md'] },
      },
    ]);
    expect([...k.dialog.written]).toEqual([['/home/me/Documents/history.md', request.markdown]]);
  });

  it('cancelling the dialog saves nothing', async () => {
    const k = await startTestKinetic();
    k.dialog.answer = null;
    expect(await k.call('history:export', request)).toEqual({ saved: false, path: null });
    expect(k.dialog.written.size).toBe(0);
  });

  it('a failed write is reported as failed, with the reason', async () => {
    const k = await startTestKinetic();
    k.dialog.writeTextFile = () => Promise.reject(new Error('EACCES: permission denied'));
    expect(await k.invoke('history:export', request)).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'EACCES: permission denied.' },
    });
  });

  it('refuses file names that are not plain .md names, and other windows', async () => {
    const k = await startTestKinetic();
    for (const fileName of ['../../etc/passwd.md', 'history.txt', 'a/b.md', '.md'.padStart(130, 'x')]) {
      expect(await k.invoke('history:export', { ...request, fileName })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
    expect(await k.invoke('history:export', request, 'focus')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(k.dialog.written.size).toBe(0);
  });
});

describe('backup:save and backup:open', () => {
  const text = '{\n  "kind": "kinetic-backup"\n}\n';
  const BACKUP_KIND = { name: 'Kinetic backup', extensions: ['json'] };

  it('saves the backup where the user chooses, and opens it again', async () => {
    const k = await startTestKinetic();
    k.dialog.answer = '/home/me/Documents/kinetic-backup-2026-11-26.json';
    expect(await k.call('backup:save', { fileName: 'kinetic-backup-2026-11-26.json', text })).toEqual({
      saved: true,
      path: '/home/me/Documents/kinetic-backup-2026-11-26.json',
    });
    k.dialog.openAnswer = '/home/me/Documents/kinetic-backup-2026-11-26.json';
    expect(await k.call('backup:open', undefined)).toEqual({
      status: 'read',
      path: '/home/me/Documents/kinetic-backup-2026-11-26.json',
      text,
    });
    expect(k.dialog.asked).toEqual([
      { defaultName: 'kinetic-backup-2026-11-26.json', title: 'Back up Kinetic', kind: BACKUP_KIND },
      { title: 'Restore from a backup', kind: BACKUP_KIND },
    ]);
  });

  it('cancelling either dialog saves and opens nothing', async () => {
    const k = await startTestKinetic();
    k.dialog.answer = null;
    expect(await k.call('backup:save', { fileName: 'b.json', text })).toEqual({ saved: false, path: null });
    expect(k.dialog.written.size).toBe(0);
    k.dialog.openAnswer = null;
    expect(await k.call('backup:open', undefined)).toEqual({ status: 'cancelled' });
  });

  it('refuses to read a file that is too large or cannot be read, saying why', async () => {
    const k = await startTestKinetic();
    k.dialog.written.set('/tmp/huge.json', 'x');
    k.dialog.fileSize = () => Promise.resolve(MAX_BACKUP_BYTES + 1);
    k.dialog.readTextFile = () => Promise.reject(new Error('must not be read'));
    k.dialog.openAnswer = '/tmp/huge.json';
    expect(await k.call('backup:open', undefined)).toEqual({
      status: 'refused',
      path: '/tmp/huge.json',
      problem: 'This file is larger than 256 MB: it is not a Kinetic backup.',
    });

    const k2 = await startTestKinetic();
    k2.dialog.openAnswer = '/tmp/gone.json';
    expect(await k2.call('backup:open', undefined)).toEqual({
      status: 'refused',
      path: '/tmp/gone.json',
      problem: "Kinetic could not read this file (ENOENT: no such file or directory, stat '/tmp/gone.json').",
    });
  });

  it('refuses other file names, odd payloads and other windows', async () => {
    const k = await startTestKinetic();
    for (const fileName of ['../backup.json', 'backup.md', 'a/b.json', '']) {
      expect(await k.invoke('backup:save', { fileName, text })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
    expect(await k.raw('backup:save', { fileName: 'b.json', text: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await k.raw('backup:open', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    for (const channel of ['backup:save', 'backup:open'] as const) {
      expect(
        await k.invoke(
          channel,
          channel === 'backup:save' ? { fileName: 'b.json', text } : undefined,
          'quickAdd',
        ),
      ).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(k.dialog.written.size).toBe(0);
  });
});

describe('window handlers', () => {
  it('window:hide hides the window that asked, and only that one', async () => {
    const k = await startTestKinetic();
    for (const kind of WINDOW_KINDS) k.windows.show(kind);
    await k.call('window:hide', undefined, 'quickAdd');
    expect(k.windows.visible).toEqual(new Set(['main', 'focus', 'reflection']));
    await k.call('window:hide', undefined, 'reflection');
    expect(k.windows.visible).toEqual(new Set(['main', 'focus']));
  });

  it('window:showMain shows the main window and passes the command on', async () => {
    const k = await startTestKinetic();
    await k.call('window:showMain', { command: 'breakDown', taskId: 't1' }, 'focus');
    expect(k.windows.visible.has('main')).toBe(true);
    expect(k.windows.sentOn('app:command', 'main')).toEqual([{ command: 'breakDown', taskId: 't1' }]);
    await k.call('window:showMain', { command: null, taskId: null }, 'quickAdd');
    expect(k.windows.sentOn('app:command')).toHaveLength(1);
    expect(k.windows.shows('main')).toBe(2);
    expect(await k.raw('window:showMain', { command: 'explode', taskId: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('focus:show and reflection:open show their windows', async () => {
    const k = await startTestKinetic();
    await k.call('focus:show', undefined, 'main');
    await k.call('reflection:open', undefined, 'main');
    expect(k.windows.visible).toEqual(new Set(['focus', 'reflection']));
  });
});

describe('reflection:saved', () => {
  it('records the day, so no invitation comes that day', async () => {
    const k = await startTestKinetic();
    expect(await k.call('reflection:get', undefined)).toEqual({ lastReflectedDay: null });
    await k.call('reflection:saved', { day: '2026-11-26', morningStep: null }, 'reflection');
    expect(await k.call('reflection:get', undefined, 'focus')).toEqual({ lastReflectedDay: '2026-11-26' });
    expect(k.store.peek('reflection.json')).toMatchObject({ lastReflectedDay: '2026-11-26' });
    await k.clock.advanceAsync(12 * 60 * 60_000);
    expect(k.notifier.titles()).toEqual([]);
  });

  it('only the reflection and main windows may save', async () => {
    const k = await startTestKinetic();
    const result = await k.invoke('reflection:saved', { day: '2026-11-26', morningStep: null }, 'quickAdd');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});

describe('other handlers', () => {
  it('app:info reports the version and platform', async () => {
    const k = await startTestKinetic({ platform: 'darwin' });
    expect(await k.call('app:info', undefined, 'reflection')).toEqual({
      version: '0.0.0-test',
      platform: 'darwin',
    });
  });

  it('nextAction:report updates the tray, and only the main window may report', async () => {
    const k = await startTestKinetic();
    await k.call('nextAction:report', { task: task('t1', 'Call Sam') });
    expect(k.main.services.nextAction.get()).toEqual(task('t1', 'Call Sam'));
    expect(k.tray.labels()[0]).toBe('Next: Call Sam');
    expect(await k.invoke('nextAction:report', { task: null }, 'focus')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    await k.call('nextAction:report', { task: null });
    expect(k.tray.labels()[0]).toBe('Nothing next — add something');
  });

  it('focus handlers drive the focus service end to end', async () => {
    const k = await startTestKinetic();
    const started = await k.call('focus:start', { task: task('t1', 'Draft', 10), mode: 'standard' });
    expect(started.task).toEqual(task('t1', 'Draft', 10));
    expect(await k.call('focus:get', undefined, 'focus')).toEqual(started);
    await k.clock.advanceAsync(4 * 60_000);
    await k.call('focus:extend', { minutes: 5 }, 'focus');
    await k.call('focus:pause', undefined, 'focus');
    await k.call('focus:resume', undefined, 'focus');
    await k.call('focus:stop', { note: 'next: the outline' }, 'focus');
    const [item] = await k.call('outbox:list', undefined);
    expect(item?.session).toMatchObject({
      taskId: 't1',
      outcome: 'stopped',
      plannedMs: 15 * 60_000,
      focusedMs: 4 * 60_000,
      note: 'next: the outline',
    });
    await k.call('focus:start', { task: task('t2'), mode: 'standard' });
    await k.call('focus:smaller', undefined, 'focus');
    expect(k.windows.sentOn('app:command', 'main')).toEqual([{ command: 'breakDown', taskId: 't2' }]);
    await k.call('focus:start', { task: task('t3'), mode: 'twoMinute' });
    await k.call('focus:done', undefined, 'focus');
    expect((await k.call('outbox:list', undefined)).map((i) => i.session.outcome)).toEqual([
      'stopped',
      'stopped',
      'completed',
    ]);
  });

  it('outbox:ack removes what the main window wrote', async () => {
    const k = await startTestKinetic();
    await k.call('focus:start', { task: task('t1'), mode: 'standard' });
    await k.call('focus:done', undefined);
    const [item] = await k.call('outbox:list', undefined);
    await k.call('outbox:ack', { ids: [item?.id ?? ''] });
    expect(await k.call('outbox:list', undefined)).toEqual([]);
    expect(k.store.peek('outbox.json')).toEqual([]);
  });
});
