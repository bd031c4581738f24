/**
 * Renders Kinetic's icons from their SVG sources in build/svg/ with resvg (@resvg/resvg-js):
 * the tray (macOS template and colour), the focus progress ring in 25 frames, and the app icon.
 * The PNGs are committed; run this after changing a source.
 *
 *   npm run icons
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const BUILD = join(import.meta.dirname, '..', 'build');
const source = (name: string): string => readFileSync(join(BUILD, 'svg', name), 'utf8');

/** Renders `svg` at `size` px square into build/`path`. */
function write(path: string, svg: string, size: number): void {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size }, shapeRendering: 2 }).render().asPng();
  mkdirSync(dirname(join(BUILD, path)), { recursive: true });
  writeFileSync(join(BUILD, path), png);
  console.log(`build/${path} (${size}x${size})`);
}

const template = source('tray-template.svg');
write('tray/trayTemplate.png', template, 16);
write('tray/trayTemplate@2x.png', template, 32);
// At 16 px only the triangle fits inside the disc; from 32 px the ring too.
write('tray/tray-16.png', source('tray.svg'), 16);
write('tray/tray-16@2x.png', source('tray-detailed.svg'), 32);
write('tray/tray-32.png', source('tray-detailed.svg'), 32);
write('tray/tray-32@2x.png', source('tray-detailed.svg'), 64);

const FRAMES = 24;
const CIRCUMFERENCE = 2 * Math.PI * 6;
for (let i = 0; i <= FRAMES; i++) {
  const frame = source('progress.svg').replace('{{done}}', ((i / FRAMES) * CIRCUMFERENCE).toFixed(4));
  const name = String(i).padStart(2, '0');
  write(`tray/progress/ring-${name}.png`, frame, 16);
  write(`tray/progress/ring-${name}@2x.png`, frame, 32);
}

write('icon.png', source('app.svg'), 1024);
for (const size of [512, 256, 128, 64]) write(`icons/${size}x${size}.png`, source('app.svg'), size);
write('icons/32x32.png', source('app-32.svg'), 32);
write('icons/16x16.png', source('app-16.svg'), 16);
