// Run by migrations.test.ts as a separate process: waits until the unix-ms time in
// argv[3] (so sibling processes start together despite uneven startup), then migrates
// the SQLite file in argv[2].
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateToLatest } from '../../../src/store/migrations/index.js';
import { connectSqlite } from '../../../src/store/sqlite/connect.js';

await sleep(Math.max(0, Number(process.argv[3]) - Date.now()));
const db = connectSqlite(process.argv[2]);
try {
  await migrateToLatest(db);
} finally {
  await db.destroy();
}
