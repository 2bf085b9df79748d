/** Backup and restore of a whole Relais (database, uploaded files, manifest): see docs/ARCHITECTURE.md "Operations". */
export { createBackup, type BackupOptions } from './backup.js';
export { restoreBackup, type RestoreOptions } from './restore.js';
export { BackupError, type BackupManifest } from './archive.js';
export { backupThroughServer, claimDataDir, runningServer, type DataDirClaim } from './server-link.js';
