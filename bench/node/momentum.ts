/**
 * The momentum measures in Node: `momentumByDay` over 90 days and `estimateCalibration`, both over
 * 100k tasks (bench/seed.ts) and 50k focus sessions. Pure functions over arrays, so no browser.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { addDays, dayKey } from '../../shared/days';
import { estimateCalibration, momentumByDay } from '../../shared/momentum';
import type { FocusSession, Task } from '../../shared/types';
import { generateTasks, prng } from '../seed';
import { summarize } from './stats';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
export const MOMENTUM_TASKS = 100_000;
export const MOMENTUM_SESSIONS = 50_000;
export const MOMENTUM_DAYS = 90;
const RUNS = { warmup: 5, timed: 50 };

export interface MomentumResult {
  days: number;
  tasks: number;
  sessions: number;
  /** The first call of each, before the JIT has seen it. */
  firstCallMs: { momentumByDay: number; estimateCalibration: number };
  momentumByDay: { p50: number; p95: number; max: number };
  estimateCalibration: { p50: number; p95: number; max: number };
  /**
   * The same calls' CPU time (this process, user + system): on a shared machine the wall time
   * includes waiting for a core, which this does not.
   */
  cpuMs: {
    momentumByDay: { p50: number; p95: number; max: number };
    estimateCalibration: { p50: number; p95: number; max: number };
  };
  runs: number;
  date: string;
  /** The machine's 1-minute load average before and after (others' work skews timings). */
  loadAverage1m: { start: number; end: number };
}

/** Sessions on the seeded tasks: most on done tasks between capture and done, half in the last 90 days. */
function generateSessions(tasks: readonly Task[], count: number, now: number, seed: number): FocusSession[] {
  const random = prng(seed);
  const worked = tasks.filter((t) => t.status !== 'archived');
  const sessions: FocusSession[] = [];
  for (let i = 0; i < count; i++) {
    const task = worked[Math.floor(random() * worked.length)]!;
    const end = task.doneAt ?? now;
    const recent = random() < 0.5;
    const from = recent ? Math.max(task.createdAt, now - 90 * DAY) : task.createdAt;
    const startedAt = Math.floor(from + random() * Math.max(0, end - from));
    const plannedMs = [2, 10, 15, 25, 25, 45][Math.floor(random() * 6)]! * MIN;
    const focusedMs = Math.floor(random() * plannedMs * 1.3);
    const outcome = random() < 0.6 ? 'completed' : random() < 0.8 ? 'stopped' : 'abandoned';
    sessions.push({
      id: `s${i}`,
      taskId: task.id,
      title: task.title,
      startedAt,
      endedAt: startedAt + focusedMs,
      plannedMs,
      focusedMs,
      outcome,
      pauses: [],
      note: null,
    });
  }
  return sessions;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Wall and CPU milliseconds of one call. */
function timeBoth(fn: () => unknown): [number, number] {
  const cpu = process.cpuUsage();
  const wall = time(fn);
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
}

export function measureMomentum(now = Date.now(), seed = 20_261_207): MomentumResult {
  const loadAtStart = loadavg()[0]!;
  const generated = generateTasks(MOMENTUM_TASKS, now, seed).tasks;
  // The app reads its records from IndexedDB, as structured clones: so does the bench (the
  // generator's ids are concatenated strings, which V8 hashes and compares more slowly).
  const tasks = structuredClone(generated);
  const sessions = structuredClone(generateSessions(generated, MOMENTUM_SESSIONS, now, seed + 1));
  const toDay = dayKey(now);
  const fromDay = dayKey(addDays(now, -(MOMENTUM_DAYS - 1)));
  const byDay = (): unknown => momentumByDay(tasks, sessions, fromDay, toDay);
  const calibration = (): unknown => estimateCalibration(tasks, sessions);
  const firstCallMs = { momentumByDay: time(byDay), estimateCalibration: time(calibration) };
  for (let i = 0; i < RUNS.warmup; i++) {
    byDay();
    calibration();
  }
  const dayMs: number[] = [];
  const calibrationMs: number[] = [];
  const dayCpu: number[] = [];
  const calibrationCpu: number[] = [];
  for (let i = 0; i < RUNS.timed; i++) {
    const [dayWall, dayUsed] = timeBoth(byDay);
    const [calWall, calUsed] = timeBoth(calibration);
    dayMs.push(dayWall);
    dayCpu.push(dayUsed);
    calibrationMs.push(calWall);
    calibrationCpu.push(calUsed);
  }
  const pick = ({ p50, p95, max }: { p50: number; p95: number; max: number }) => ({ p50, p95, max });
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    days: MOMENTUM_DAYS,
    tasks: tasks.length,
    sessions: sessions.length,
    firstCallMs: {
      momentumByDay: round(firstCallMs.momentumByDay),
      estimateCalibration: round(firstCallMs.estimateCalibration),
    },
    momentumByDay: pick(summarize(dayMs)),
    estimateCalibration: pick(summarize(calibrationMs)),
    cpuMs: {
      momentumByDay: pick(summarize(dayCpu)),
      estimateCalibration: pick(summarize(calibrationCpu)),
    },
    runs: RUNS.timed,
    date: new Date(now).toISOString(),
    loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]!) },
  };
}

export function formatMomentum(m: MomentumResult): string {
  const row = (name: string, s: { p50: number; p95: number; max: number }, first: number): string =>
    `${name}: p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, max ${s.max.toFixed(2)} ms, first call ${first.toFixed(2)} ms (target ≤ 50 ms)`;
  return [
    `momentum in Node, ${m.tasks.toLocaleString('en-US')} tasks, ${m.sessions.toLocaleString('en-US')} sessions, ${m.days} days, ${m.runs} timed runs, load average ${m.loadAverage1m.start} → ${m.loadAverage1m.end}:`,
    row('  momentumByDay', m.momentumByDay, m.firstCallMs.momentumByDay),
    row('  estimateCalibration', m.estimateCalibration, m.firstCallMs.estimateCalibration),
    `  CPU time: momentumByDay p50 ${m.cpuMs.momentumByDay.p50.toFixed(2)} / p95 ${m.cpuMs.momentumByDay.p95.toFixed(2)} ms, ` +
      `estimateCalibration p50 ${m.cpuMs.estimateCalibration.p50.toFixed(2)} / p95 ${m.cpuMs.estimateCalibration.p95.toFixed(2)} ms`,
  ].join('\n');
}
