/**
 * What backing up and restoring need beyond the store, loaded on first use through the backup
 * store's `load`: the backup's builder, the file check (its Worker and schemas) and the file name.
 */
export { buildBackup } from './build';
export { checkBackup } from './check';
export { backupFileName } from '../../../shared/backupFormat';
