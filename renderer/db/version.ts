/**
 * Facts about the database that code without Dexie needs (the main window's first paint).
 * schema.ts checks that its newest version matches.
 */
export const DB_NAME = 'kinetic';
/** The newest schema version (Dexie's number; IndexedDB stores it times ten). */
export const SCHEMA_VERSION = 7;
