import { Command } from 'commander';
import { serve } from './serve.js';
import { registerEntityCommands } from './entity-commands.js';
import { registerResetCommands } from './reset-commands.js';
import { registerSettingsCommands } from './settings-commands.js';
import { registerSnapshotCommands } from './snapshot-commands.js';
import { registerTokenCommands } from './token-commands.js';
import { registerWorldCommands } from './world-commands.js';
import { registerSeedCommands } from './seed-commands.js';
import { audiencesCommands } from './audiences-commands.js';
import { registerFaultCommands } from './fault-commands.js';
import { registerRequestCommands } from './requests-commands.js';
import { registerAsyncStateCommands } from './async-state-commands.js';

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
  .option('--seed <file>', 'a world file (YAML or JSON) to load at start, after the demo world (GRAPHD_SEED)')
  .option('--admin-token <token>', "the control plane's admin token instead of a generated one (GRAPHD_ADMIN_TOKEN)")
  .option('--rate-limits <tier>', "Meta's rate limits: development, standard or off (GRAPHD_RATE_LIMITS, default standard)")
  .option('--journal-size <n>', 'requests the journal keeps for GET /_graphd/requests, 0 = off (GRAPHD_JOURNAL_SIZE, default 1000)')
  .option('--loose', 'accept params Meta would reject as unknown (GRAPHD_LOOSE=1)')
  .option('--default-version <n>', 'the Graph version of paths without one (GRAPHD_DEFAULT_VERSION, default the newest served)')
  .option('--audience-processing <seconds>', 'seconds audiences show as updating after a change (GRAPHD_AUDIENCE_PROCESSING_SECONDS)')
  .action(serve);

registerSeedCommands(program);
// Commands that operate a running graphd; each group lives in its own file.
registerWorldCommands(program);
registerTokenCommands(program);
registerResetCommands(program);
registerSnapshotCommands(program);
registerEntityCommands(program);
registerSettingsCommands(program);
audiencesCommands(program);
registerFaultCommands(program);
registerRequestCommands(program);
registerAsyncStateCommands(program);

await program.parseAsync();
