import { ConfigError } from '../config/load-config.ts';
import { UsageError } from './args.ts';
import { runCli, USAGE } from './run-cli.ts';

// A reader that stops early (`siteds log tail | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') {
    process.exit(0);
  }
  throw err;
});

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 78;
  } else {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
