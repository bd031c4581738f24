/** Writes test/fixtures/backup-valid.json (see scripts/demo/backupValid.ts): `npx tsx scripts/make-backup-fixture.ts`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { backupText } from '../shared/backupFormat';
import { fixtureBackup } from './demo/backupValid';

mkdirSync('test/fixtures', { recursive: true });
writeFileSync('test/fixtures/backup-valid.json', backupText(fixtureBackup()));
