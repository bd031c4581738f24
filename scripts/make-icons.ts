/**
 * Deterministic generator for Kinetic's icons (tray, focus progress ring, app icon).
 *
 *   npx tsx scripts/make-icons.ts
 *
 * Everything is drawn from signed distance functions with adaptive supersampling, so every size is
 * rendered natively (no resampling) and edges are anti-aliased. Only dependency: pngjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

// ---------------------------------------------------------------------------------------------------
// Colour

/** Straight (non-premultiplied) RGBA, each channel 0..1. */
interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

/** A paint is either a flat colour or a function of the pixel-space position. */
type Paint = Rgba | ((x: number, y: number) => Rgba);

function hex(value: string, alpha = 1): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`bad colour ${value}`);
  }
  return { r: parseInt(m[1], 16) / 255, g: parseInt(m[2], 16) / 255, b: parseInt(m[3], 16) / 255, a: alpha };
}

function withAlpha(c: Rgba, a: number): Rgba {
  return { r: c.r, g: c.g, b: c.b, a };
}

function mix(c0: Rgba, c1: Rgba, t: number): Rgba {
  const k = clamp01(t);
  return {
    r: c0.r + (c1.r - c0.r) * k,
    g: c0.g + (c1.g - c0.g) * k,
    b: c0.b + (c1.b - c0.b) * k,
    a: c0.a + (c1.a - c0.a) * k,
  };
}

const ACCENT = hex('#4A5BD4');
const WHITE = hex('#FFFFFF');
const BLACK = hex('#000000');

// ---------------------------------------------------------------------------------------------------
// Canvas: premultiplied Float32 RGBA, composited with Porter-Duff "over".

class Canvas {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 4);
  }

  /** Composite `colour` scaled by `coverage` over pixel (x, y). */
  over(x: number, y: number, colour: Rgba, coverage: number): void {
    const a = colour.a * coverage;
    if (a <= 0) return;
    const i = (y * this.width + x) * 4;
    const d = this.data;
    const keep = 1 - a;
    d[i] = colour.r * a + (d[i] ?? 0) * keep;
    d[i + 1] = colour.g * a + (d[i + 1] ?? 0) * keep;
    d[i + 2] = colour.b * a + (d[i + 2] ?? 0) * keep;
    d[i + 3] = a + (d[i + 3] ?? 0) * keep;
  }

  /** Encode as 8-bit straight-alpha RGBA PNG. */
  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height, colorType: 6 });
    const d = this.data;
    for (let i = 0; i < d.length; i += 4) {
      const a = clamp01(d[i + 3] ?? 0);
      const a8 = Math.round(a * 255);
      const un = a8 === 0 ? 0 : 1 / a;
      png.data[i] = a8 === 0 ? 0 : Math.round(clamp01((d[i] ?? 0) * un) * 255);
      png.data[i + 1] = a8 === 0 ? 0 : Math.round(clamp01((d[i + 1] ?? 0) * un) * 255);
      png.data[i + 2] = a8 === 0 ? 0 : Math.round(clamp01((d[i + 2] ?? 0) * un) * 255);
      png.data[i + 3] = a8;
    }
    return PNG.sync.write(png, { colorType: 6 });
  }
}

// ---------------------------------------------------------------------------------------------------
// Shapes as signed distance functions (pixel units, negative inside, |gradient| <= 1).

type Sdf = (x: number, y: number) => number;

interface Shape {
  readonly sdf: Sdf;
  /** Conservative pixel-space bounding box [x0, y0, x1, y1]. */
  readonly bounds: readonly [number, number, number, number];
}

interface Point {
  readonly x: number;
  readonly y: number;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function circleShape(cx: number, cy: number, r: number): Shape {
  return {
    sdf: (x, y) => Math.hypot(x - cx, y - cy) - r,
    bounds: [cx - r, cy - r, cx + r, cy + r],
  };
}

/** Annulus whose outer edge is at `rOuter`, `width` thick (stroke lies inside the outer radius). */
function ringShape(cx: number, cy: number, rOuter: number, width: number): Shape {
  const mid = rOuter - width / 2;
  return {
    sdf: (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - mid) - width / 2,
    bounds: [cx - rOuter, cy - rOuter, cx + rOuter, cy + rOuter],
  };
}

/** Distance from p to the ray starting at the origin with unit direction (ux, uy). */
function rayDistance(px: number, py: number, ux: number, uy: number): number {
  return px * ux + py * uy < 0 ? Math.hypot(px, py) : Math.abs(px * uy - py * ux);
}

/**
 * Butt-capped arc of a ring, starting at 12 o'clock and sweeping clockwise (screen space, y down)
 * over `fraction` of the full turn. Exact ring SDF intersected with an exact wedge SDF.
 */
function arcShape(cx: number, cy: number, rOuter: number, width: number, fraction: number): Shape {
  const ring = ringShape(cx, cy, rOuter, width);
  if (fraction >= 1) return ring;
  const sweep = Math.max(0, fraction) * Math.PI * 2;
  const ex = Math.sin(sweep);
  const ey = -Math.cos(sweep);
  const wedge: Sdf = (x, y) => {
    const px = x - cx;
    const py = y - cy;
    let angle = Math.atan2(px, -py); // 0 at 12 o'clock, increasing clockwise on screen
    if (angle < 0) angle += Math.PI * 2;
    const dist = Math.min(rayDistance(px, py, 0, -1), rayDistance(px, py, ex, ey));
    return angle <= sweep ? -dist : dist;
  };
  return { sdf: (x, y) => Math.max(ring.sdf(x, y), wedge(x, y)), bounds: ring.bounds };
}

/** Exact triangle SDF (after Inigo Quilez), optionally with rounded corners of radius `round`. */
function triangleShape(p0: Point, p1: Point, p2: Point, round = 0): Shape {
  let a = p0;
  let b = p1;
  let c = p2;
  if (round > 0) {
    // Shrink about the incentre by `round`, then inflate the SDF by `round`: same outline, soft corners.
    const la = Math.hypot(b.x - c.x, b.y - c.y);
    const lb = Math.hypot(c.x - a.x, c.y - a.y);
    const lc = Math.hypot(a.x - b.x, a.y - b.y);
    const per = la + lb + lc;
    const ix = (la * a.x + lb * b.x + lc * c.x) / per;
    const iy = (la * a.y + lb * b.y + lc * c.y) / per;
    const area = Math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
    const k = 1 - round / ((2 * area) / per);
    const shrink = (p: Point): Point => ({ x: ix + (p.x - ix) * k, y: iy + (p.y - iy) * k });
    a = shrink(a);
    b = shrink(b);
    c = shrink(c);
  }
  const e0x = b.x - a.x;
  const e0y = b.y - a.y;
  const e1x = c.x - b.x;
  const e1y = c.y - b.y;
  const e2x = a.x - c.x;
  const e2y = a.y - c.y;
  const s = Math.sign(e0x * e2y - e0y * e2x);
  const edge = (vx: number, vy: number, ex: number, ey: number): [number, number] => {
    const t = clamp01((vx * ex + vy * ey) / (ex * ex + ey * ey));
    const qx = vx - ex * t;
    const qy = vy - ey * t;
    return [qx * qx + qy * qy, s * (vx * ey - vy * ex)];
  };
  const sdf: Sdf = (x, y) => {
    const [d0, s0] = edge(x - a.x, y - a.y, e0x, e0y);
    const [d1, s1] = edge(x - b.x, y - b.y, e1x, e1y);
    const [d2, s2] = edge(x - c.x, y - c.y, e2x, e2y);
    const d = Math.min(d0, d1, d2);
    const side = Math.min(s0, s1, s2);
    return -Math.sqrt(d) * Math.sign(side) - round;
  };
  return {
    sdf,
    bounds: [
      Math.min(p0.x, p1.x, p2.x),
      Math.min(p0.y, p1.y, p2.y),
      Math.max(p0.x, p1.x, p2.x),
      Math.max(p0.y, p1.y, p2.y),
    ],
  };
}

/**
 * Rounded rectangle. The corners are measured with an Lp norm: exponent 2 gives circular corners,
 * larger exponents give smoother "continuous" (squircle-like) corners. The Lp norm (p >= 2) is
 * 1-Lipschitz in the Euclidean metric, so the result is still a valid lower-bound distance.
 */
function roundedRectShape(x: number, y: number, w: number, h: number, radius: number, exponent = 2): Shape {
  const cx = x + w / 2;
  const cy = y + h / 2;
  const r = Math.min(radius, w / 2, h / 2);
  return {
    sdf: (px, py) => {
      const qx = Math.abs(px - cx) - w / 2 + r;
      const qy = Math.abs(py - cy) - h / 2 + r;
      const ox = Math.max(qx, 0);
      const oy = Math.max(qy, 0);
      const outside =
        exponent === 2 ? Math.hypot(ox, oy) : (ox ** exponent + oy ** exponent) ** (1 / exponent);
      return outside + Math.min(Math.max(qx, qy), 0) - r;
    },
    bounds: [x, y, x + w, y + h],
  };
}

// ---------------------------------------------------------------------------------------------------
// Rasterisation

/** Subsamples per axis for pixels that straddle an edge. */
const SUPERSAMPLE = 8;
/** Half the pixel diagonal: beyond this distance from the centre a pixel is fully in or out. */
const HALF_DIAGONAL = Math.SQRT1_2 + 1e-6;

/**
 * Fraction of the pixel whose top-left corner is (px, py) covered by `sdf`. Pixels far from the edge
 * are resolved from the centre distance alone; edge pixels are supersampled on an 8x8 grid, each
 * subsample itself box-filtered from its distance (so 8 bits of coverage are actually reachable).
 */
function coverage(sdf: Sdf, px: number, py: number): number {
  const centre = sdf(px + 0.5, py + 0.5);
  if (centre >= HALF_DIAGONAL) return 0;
  if (centre <= -HALF_DIAGONAL) return 1;
  const n = SUPERSAMPLE;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      sum += clamp01(0.5 - sdf(px + (i + 0.5) / n, py + (j + 0.5) / n) * n);
    }
  }
  return sum / (n * n);
}

function fillShape(canvas: Canvas, shape: Shape, paint: Paint): void {
  const [bx0, by0, bx1, by1] = shape.bounds;
  const x0 = Math.max(0, Math.floor(bx0) - 1);
  const y0 = Math.max(0, Math.floor(by0) - 1);
  const x1 = Math.min(canvas.width - 1, Math.ceil(bx1) + 1);
  const y1 = Math.min(canvas.height - 1, Math.ceil(by1) + 1);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const cov = coverage(shape.sdf, x, y);
      if (cov <= 0) continue;
      canvas.over(x, y, typeof paint === 'function' ? paint(x + 0.5, y + 0.5) : paint, cov);
    }
  }
}

function fillCircle(canvas: Canvas, cx: number, cy: number, r: number, paint: Paint): void {
  fillShape(canvas, circleShape(cx, cy, r), paint);
}

function strokeRing(
  canvas: Canvas,
  cx: number,
  cy: number,
  rOuter: number,
  width: number,
  paint: Paint,
): void {
  fillShape(canvas, ringShape(cx, cy, rOuter, width), paint);
}

function strokeArc(
  canvas: Canvas,
  cx: number,
  cy: number,
  rOuter: number,
  width: number,
  fraction: number,
  paint: Paint,
): void {
  if (fraction <= 0) return;
  fillShape(canvas, arcShape(cx, cy, rOuter, width, fraction), paint);
}

function fillTriangle(canvas: Canvas, p0: Point, p1: Point, p2: Point, paint: Paint, round = 0): void {
  fillShape(canvas, triangleShape(p0, p1, p2, round), paint);
}

function fillRoundedRect(
  canvas: Canvas,
  rect: { x: number; y: number; w: number; h: number },
  radius: number,
  paint: Paint,
  exponent = 2,
): void {
  fillShape(canvas, roundedRectShape(rect.x, rect.y, rect.w, rect.h, radius, exponent), paint);
}

/** Complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = poly * Math.exp(-z * z);
  return x >= 0 ? r : 2 - r;
}

/**
 * Soft drop shadow: each pixel takes the Gaussian-blurred step of its distance to the (offset) shape,
 * which is exact for straight edges and a close approximation around gentle corners.
 */
function dropShadow(canvas: Canvas, shape: Shape, dy: number, sigma: number, colour: Rgba): void {
  const [bx0, by0, bx1, by1] = shape.bounds;
  const reach = sigma * 3.5;
  const x0 = Math.max(0, Math.floor(bx0 - reach));
  const y0 = Math.max(0, Math.floor(by0 + dy - reach));
  const x1 = Math.min(canvas.width - 1, Math.ceil(bx1 + reach));
  const y1 = Math.min(canvas.height - 1, Math.ceil(by1 + dy + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = shape.sdf(x + 0.5, y + 0.5 - dy);
      canvas.over(x, y, colour, 0.5 * erfc(d / (sigma * Math.SQRT2)));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The Kinetic glyph: a ring with a solid forward "play" triangle inside.

interface GlyphGeometry {
  readonly cx: number;
  readonly cy: number;
  /** Outer radius of the ring. */
  readonly radius: number;
  /** Ring stroke width. */
  readonly stroke: number;
  /** Circumradius of the play triangle (its centroid sits on the ring centre). */
  readonly triangle: number;
  /** Corner rounding of the triangle. */
  readonly round: number;
}

/**
 * Right-pointing play triangle of circumradius `r` with its centroid at (cx, cy): the usual optical
 * centring for a play symbol (the visual mass sits in the middle even though the tip reaches further).
 */
function fillPlay(canvas: Canvas, cx: number, cy: number, r: number, round: number, paint: Paint): void {
  const h = (r * Math.sqrt(3)) / 2;
  fillTriangle(
    canvas,
    { x: cx + r, y: cy },
    { x: cx - r / 2, y: cy + h },
    { x: cx - r / 2, y: cy - h },
    paint,
    round,
  );
}

function drawGlyph(canvas: Canvas, g: GlyphGeometry, paint: Paint): void {
  strokeRing(canvas, g.cx, g.cy, g.radius, g.stroke, paint);
  fillPlay(canvas, g.cx, g.cy, g.triangle, g.round, paint);
}

/** Tray-sized glyph for a square canvas of `size` px (designed on a 16 px grid, scaled). */
function trayGlyph(size: number): GlyphGeometry {
  const u = size / 16;
  // Triangle circumradius 4 puts its flat back edge exactly on a pixel boundary (x = 6 on the 16 grid).
  return { cx: size / 2, cy: size / 2, radius: 7 * u, stroke: 1.5 * u, triangle: 4 * u, round: 0.4 * u };
}

// ---------------------------------------------------------------------------------------------------
// Icon families

/** macOS menu-bar template image: pure black glyph, shape carried by alpha. */
function trayTemplate(size: number): Canvas {
  const canvas = new Canvas(size, size);
  drawGlyph(canvas, trayGlyph(size), BLACK);
  return canvas;
}

/**
 * Windows / Linux tray: a solid accent disc with the glyph knocked out in white. A disc is a large mass
 * of colour, so it holds on both light and dark panels (where a thin accent ring would vanish), and the
 * white glyph has strong contrast against it. It also echoes the app icon (white glyph on accent).
 * From 32 px up there is room for the ring as well; at 16 px only the triangle is drawn.
 */
function trayColour(size: number): Canvas {
  const canvas = new Canvas(size, size);
  const u = size / 16;
  const c = size / 2;
  const disc = 7 * u;
  fillCircle(canvas, c, c, disc, ACCENT);
  const detailed = size >= 32;
  if (detailed) strokeRing(canvas, c, c, disc - 1.5 * u, 1.1 * u, WHITE);
  fillPlay(canvas, c, c, detailed ? 2.75 * u : 4 * u, 0.3 * u, WHITE);
  return canvas;
}

/** Progress ring frame: `fraction` of the focus session elapsed, arc from 12 o'clock clockwise. */
function progressFrame(size: number, fraction: number): Canvas {
  const canvas = new Canvas(size, size);
  const u = size / 16;
  const c = size / 2;
  const radius = 7 * u;
  const stroke = 2 * u;
  strokeRing(canvas, c, c, radius, stroke, withAlpha(ACCENT, 0.3));
  strokeArc(canvas, c, c, radius, stroke, fraction, ACCENT);
  fillCircle(canvas, c, c, 1.75 * u, ACCENT);
  return canvas;
}

/**
 * App icon: continuous-corner rounded square in the accent with a subtle vertical gradient, white
 * glyph, transparent margin (macOS Big Sur grid: 824 px tile centred on a 1024 px canvas) and a soft
 * shadow. Small sizes are optically adjusted (tighter margin, larger glyph, heavier stroke, no shadow)
 * rather than scaled down.
 */
function appIcon(size: number): Canvas {
  const canvas = new Canvas(size, size);
  const small = size <= 32;
  const margin = size <= 16 ? 0.5 : small ? size / 16 : (size * 100) / 1024;
  const side = size - margin * 2;
  const tile = { x: margin, y: margin, w: side, h: side };
  // Lp-norm corners: radius 34 % of the side with exponent 3.2 matches the diagonal of a 22.5 % circular
  // corner (Apple's nominal radius) while blending into the straight edges much more gradually.
  const cornerRadius = side * 0.34;
  const cornerExponent = 3.2;

  if (!small) {
    const shape = roundedRectShape(tile.x, tile.y, tile.w, tile.h, cornerRadius, cornerExponent);
    dropShadow(canvas, shape, (size * 10) / 1024, (size * 10) / 1024, withAlpha(BLACK, 0.28));
  }
  const light = mix(ACCENT, WHITE, 0.12);
  const dark = mix(ACCENT, BLACK, 0.12);
  fillRoundedRect(
    canvas,
    tile,
    cornerRadius,
    (_x, y) => mix(light, dark, (y - margin) / side),
    cornerExponent,
  );

  if (size <= 16) {
    // At 16 px the ring leaves no room for a legible triangle: draw the play triangle alone, as on
    // the 16 px tray icon, with its flat back edge on a pixel boundary.
    fillPlay(canvas, size / 2, size / 2, 4, 0.3, WHITE);
    return canvas;
  }
  const radius = side * (small ? 0.36 : 0.3);
  const stroke = Math.max(radius * 0.15, 2);
  drawGlyph(
    canvas,
    {
      cx: size / 2,
      cy: size / 2,
      radius,
      stroke,
      triangle: (radius - stroke) * (small ? 0.62 : 0.56),
      round: radius * 0.05,
    },
    WHITE,
  );
  return canvas;
}

// ---------------------------------------------------------------------------------------------------

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'build');

function main(): void {
  const written: string[] = [];
  const write = (path: string, canvas: Canvas): void => {
    const file = join(BUILD, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, canvas.toPng());
    written.push(`${relative(ROOT, file)} (${canvas.width}x${canvas.height})`);
  };

  write('tray/trayTemplate.png', trayTemplate(16));
  write('tray/trayTemplate@2x.png', trayTemplate(32));

  for (const base of [16, 32]) {
    write(`tray/tray-${base}.png`, trayColour(base));
    write(`tray/tray-${base}@2x.png`, trayColour(base * 2));
  }

  const FRAMES = 24;
  for (let i = 0; i <= FRAMES; i++) {
    const name = String(i).padStart(2, '0');
    write(`tray/progress/ring-${name}.png`, progressFrame(16, i / FRAMES));
    write(`tray/progress/ring-${name}@2x.png`, progressFrame(32, i / FRAMES));
  }

  write('icon.png', appIcon(1024));
  for (const size of [512, 256, 128, 64, 32, 16]) {
    write(`icons/${size}x${size}.png`, appIcon(size));
  }

  console.log(`Wrote ${written.length} files:`);
  for (const line of written) console.log(`  ${line}`);
}

main();
