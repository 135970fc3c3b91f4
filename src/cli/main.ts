import { Command } from 'commander';
import { serve } from './serve.js';

const program = new Command('graphd').description("A self-hosted server that speaks Meta's Graph API for people and Custom Audiences");

program
  .command('serve')
  .description('Serve the Graph API (default: SQLite under ./data with a demo world)')
  .option('--host <host>', 'address to listen on (GRAPHD_HOST)')
  .option('--port <port>', 'port to listen on (GRAPHD_PORT)')
  .option('--data-dir <dir>', 'where the SQLite file lives (GRAPHD_DATA_DIR)')
  .option('--db <url>', 'sqlite:PATH or postgres://... (GRAPHD_DB)')
  .option('--public-url <url>', 'origin for paging and picture URLs (GRAPHD_PUBLIC_URL)')
  .option('--no-demo', 'do not seed the demo world (GRAPHD_DEMO=0)')
  .option('--log-level <level>', 'pino level (GRAPHD_LOG_LEVEL)')
  .option('--versions <range>', 'Graph versions served, e.g. 19-25 (GRAPHD_VERSIONS)')
  .option('--test-users-per-app <n>', 'test users an app may have (GRAPHD_TEST_USERS_PER_APP, default 2000)')
  .option('--redis <url>', 'redis://... shared by several processes for counters, faults and the journal (GRAPHD_REDIS)')
  .option('--redis-prefix <prefix>', "prefix of graphd's Redis keys (GRAPHD_REDIS_PREFIX, default graphd:)")
  .option('--workers <n>', 'processes serving the port, or auto for one per CPU (GRAPHD_WORKERS, default 1)')
  .option('--audience-processing <seconds>', 'seconds audiences show as updating after a change (GRAPHD_AUDIENCE_PROCESSING_SECONDS)')
  .action(serve);

// Commands that operate a running graphd; each group lives in its own file.

await program.parseAsync();
