// @ts-check
/**
 * electron-builder's afterPack step: flips Kinetic's fuses (build/fuses.mjs) and, on macOS, signs
 * the app ad hoc when no signing identity is configured: an unsigned app cannot show
 * notifications and Apple silicon refuses to run it. With an identity (CSC_LINK / CSC_NAME),
 * electron-builder signs it properly after this step.
 */
import { execFileSync } from 'node:child_process';
import { flipFuses } from '@electron/fuses';
import { KINETIC_FUSES, electronBinary } from './fuses.mjs';

/** @param {Parameters<typeof electronBinary>[0]} context */
export default async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, KINETIC_FUSES);
  console.warn(`[afterPack] fuses flipped in ${binary}`);
  const mac = context.electronPlatformName === 'darwin';
  if (mac && !process.env['CSC_LINK'] && !process.env['CSC_NAME']) {
    execFileSync('codesign', ['--sign', '-', '--force', '--deep', binary], { stdio: 'inherit' });
    console.warn(`[afterPack] no signing identity: ${binary} signed ad hoc`);
  }
}
