import { describe, expect, it } from 'vitest';
import { parseArgv, parseKineticUrl, type AddRequest } from '../../electron/main/services/launch';
import { QuickAddService } from '../../electron/main/services/quickAdd';
import { MAX_WAITING_TEXTS } from '../../shared/ipc';
import { startTestKinetic, RecordingWindows, type TestKinetic } from '../fakes/testKinetic';

const url = (text: string | null): AddRequest => ({ kind: 'add', text, via: 'url' });
const cli = (text: string | null): AddRequest => ({ kind: 'add', text, via: 'cli' });

describe('every way in reaches the one quick-add path', () => {
  const ways: [name: string, open: (k: TestKinetic) => void, text: string | null][] = [
    ['the global shortcut', (k) => k.shortcuts.press('CommandOrControl+Shift+Space'), null],
    ['a tray click', (k) => k.tray.click(), null],
    ['the tray menu’s Quick add…', (k) => k.tray.choose('quickAdd'), null],
    [
      'a kinetic://add link',
      (k) => expect(k.main.handleUrl('kinetic://add?text=Call%20Sam%20tomorrow')).toBe(true),
      'Call Sam tomorrow',
    ],
    [
      '`kinetic --add "text"` forwarded by a second instance',
      (k) => expect(k.main.handleArgv(['--add', 'Call Sam tomorrow'])).toBe(true),
      'Call Sam tomorrow',
    ],
    [
      'the same, with the switches Chromium adds and moves ahead of the text',
      (k) =>
        expect(
          k.main.handleArgv([
            '--add',
            '--allow-file-access-from-files',
            '--original-process-start-time=13213718723637733',
            'Call Sam tomorrow',
          ]),
        ).toBe(true),
      'Call Sam tomorrow',
    ],
  ];

  for (const [name, open, text] of ways) {
    it(name, async () => {
      const k = await startTestKinetic();
      expect(k.windows.visible.has('quickAdd')).toBe(false);
      open(k);
      expect(k.windows.visible.has('quickAdd')).toBe(true);
      // The event says only "shown": the window pulls the text (one direction, one buffer).
      expect(k.windows.sentOn('quickAdd:shown')).toEqual([null]);
      expect(k.windows.sent.filter((e) => e.channel === 'quickAdd:shown').map((e) => e.kind)).toEqual([
        'quickAdd',
      ]);
      // The window takes the text once (on load or on quickAdd:shown); a second take gets nothing.
      expect(await k.call('quickAdd:takeDraft', undefined, 'quickAdd')).toEqual({ text });
      expect(await k.call('quickAdd:takeDraft', undefined, 'quickAdd')).toEqual({ text: null });
    });
  }

  it('a window can open it too, and only the quick-add window may take the draft', async () => {
    const k = await startTestKinetic();
    await k.call('quickAdd:open', { text: 'from the main window' }, 'main');
    expect(k.windows.visible.has('quickAdd')).toBe(true);
    expect(await k.invoke('quickAdd:takeDraft', undefined, 'main')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await k.call('quickAdd:takeDraft', undefined, 'quickAdd')).toEqual({
      text: 'from the main window',
    });
  });

  it('argv and links Kinetic does not understand open nothing', async () => {
    const k = await startTestKinetic();
    expect(k.main.handleArgv(['/opt/Kinetic/kinetic', '--hidden'])).toBe(false);
    expect(k.main.handleUrl('kinetic://delete-everything')).toBe(false);
    expect(k.main.handleUrl('https://example.com/add?text=x')).toBe(false);
    expect(k.windows.visible.has('quickAdd')).toBe(false);
    expect(k.log.warnings).toHaveLength(2);
    expect(k.log.warnings[0]).toContain('kinetic://delete-everything');
  });

  it('a very long link is logged shortened', async () => {
    const k = await startTestKinetic();
    k.main.handleUrl(`kinetic://nope/${'x'.repeat(5000)}`);
    expect(k.log.warnings[0]?.length).toBeLessThan(300);
  });
});

describe('QuickAddService', () => {
  it('keeps text that came before the window could listen until it is taken', () => {
    const windows = new RecordingWindows();
    const quickAdd = new QuickAddService(windows, { warn: () => undefined });
    quickAdd.open('first');
    quickAdd.open(); // an empty open does not drop the waiting text
    expect(quickAdd.takeDraft()).toBe('first');
    expect(quickAdd.takeDraft()).toBeNull();
    // Two texts before the window takes any: both wait, oldest first.
    quickAdd.open('second');
    quickAdd.open('third');
    expect(quickAdd.takeDraft()).toBe('second');
    expect(quickAdd.takeDraft()).toBe('third');
    expect(quickAdd.takeDraft()).toBeNull();
    expect(windows.visible.has('quickAdd')).toBe(true);
  });

  it('keeps at most MAX_WAITING_TEXTS texts, dropping the oldest and saying which', () => {
    const warnings: string[] = [];
    const quickAdd = new QuickAddService(new RecordingWindows(), {
      warn: (message) => warnings.push(message),
    });
    for (let i = 0; i <= MAX_WAITING_TEXTS; i++) quickAdd.open(`text ${i}`);
    const taken: string[] = [];
    for (let text = quickAdd.takeDraft(); text !== null; text = quickAdd.takeDraft()) taken.push(text);
    expect(taken).toHaveLength(MAX_WAITING_TEXTS);
    expect(taken[0]).toBe('text 1');
    expect(taken.at(-1)).toBe(`text ${MAX_WAITING_TEXTS}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"text 0"');
  });
});

describe('parseKineticUrl', () => {
  const table: [raw: string, expected: AddRequest | null][] = [
    ['kinetic://add?text=call%20Sam', url('call Sam')],
    ['kinetic://add?text=call+Sam', url('call Sam')],
    ['kinetic://add/?text=a%2Bb%20%26%20c', url('a+b & c')],
    ['kinetic://ADD?text=Shout', url('Shout')],
    ['KINETIC://add?text=x', url('x')],
    ['kinetic:add?text=opaque%20form', url('opaque form')],
    ['kinetic:///add?text=three%20slashes', url('three slashes')],
    ['kinetic://add', url(null)],
    ['kinetic://add?text=', url(null)],
    ['kinetic://add?text=%20%20%20', url(null)],
    ['kinetic://add?text=%20%20padded%20%20', url('padded')],
    ['kinetic://add?other=1', url(null)],
    ['kinetic://add?text=%E2%9C%93%20done', url('✓ done')],
    ['kinetic://remove?text=x', null],
    ['kinetic://', null],
    ['kinetic:', null],
    ['kinetic://addx?text=x', null],
    ['https://kinetic/add?text=x', null],
    ['http://add?text=x', null],
    ['javascript:alert(1)', null],
    ['file:///add?text=x', null],
    ['kinetic-evil://add?text=x', null],
    ['not a url', null],
    ['', null],
  ];
  for (const [raw, expected] of table) {
    it(`${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
      expect(parseKineticUrl(raw)).toEqual(expected);
    });
  }

  it('a broken escape does not throw: the text is kept as far as it decodes', () => {
    expect(parseKineticUrl('kinetic://add?text=50%25%20off%E0%A4')).toEqual(url('50% off\uFFFD'));
  });

  it('truncates huge text to 10,000 characters', () => {
    const request = parseKineticUrl(`kinetic://add?text=${'a'.repeat(50_000)}`);
    expect(request?.text).toHaveLength(10_000);
  });
});

describe('text from outside', () => {
  it('loses bidirectional controls and C0 controls, from links and the command line alike', () => {
    // U+202E would show "call Sam gpj.exe" as "call Sam exe.jpg".
    const raw = 'call\u0007 Sam \u202egpj.exe\u202c \u2066x\u2069\u202a\u202b\u202d\u2067\u2068 done\u0000';
    const clean = 'call  Sam gpj.exe x done';
    expect(parseKineticUrl(`kinetic://add?text=${encodeURIComponent(raw)}`)?.text).toBe(clean);
    expect(parseArgv(['--add', raw])[0]?.text).toBe(clean);
    expect(parseArgv([`--add=${raw}`])[0]?.text).toBe(clean);
    expect(parseArgv(['--add', '\u202e\u0001'])[0]?.text).toBeNull();
  });
});

describe('parseArgv', () => {
  const table: [argv: string[], expected: AddRequest[]][] = [
    [[], []],
    [['--hidden'], []],
    [['--add', 'Buy milk'], [cli('Buy milk')]],
    [['--add=Buy milk'], [cli('Buy milk')]],
    [['--add=  '], [cli(null)]],
    [['--add'], [cli(null)]],
    [['--add', ''], [cli(null)]],
    [['--add', '--hidden'], [cli(null)]],
    [['/path/to/app', '--add', 'x'], [cli('x')]],
    [
      ['--add', 'a', '--add=b'],
      [cli('a'), cli('b')],
    ],
    [['kinetic://add?text=from%20a%20link'], [url('from a link')]],
    [['Kinetic://add?text=Mixed'], [url('Mixed')]],
    [['kinetic://nope'], []],
    [['--add', 'kinetic://add?text=x'], [cli('kinetic://add?text=x')]],
    [['--address', 'x'], []],
    [['--ADD', 'x'], []],
    // Chromium forwards a second instance's argv with every switch first and plain arguments last.
    [['--add', '--allow-file-access-from-files', 'Buy milk'], [cli('Buy milk')]],
    [
      ['--add', '--original-process-start-time=1', '--allow-file-access-from-files', 'Buy milk'],
      [cli('Buy milk')],
    ],
    [['--add', '--allow-file-access-from-files'], [cli(null)]],
  ];
  for (const [argv, expected] of table) {
    it(`${JSON.stringify(argv)} → ${JSON.stringify(expected.map((r) => r.text))}`, () => {
      expect(parseArgv(argv)).toEqual(expected);
    });
  }

  it('truncates huge text to 10,000 characters', () => {
    expect(parseArgv(['--add', 'b'.repeat(20_000)])[0]?.text).toHaveLength(10_000);
    expect(parseArgv([`--add=${'c'.repeat(20_000)}`])[0]?.text).toHaveLength(10_000);
  });
});
