import { loadConfig } from '../config/load-config.ts';
import { initDevCertificates } from './certs-init.ts';
import { CHECK_USAGE, runCheck } from './check.ts';
import { AUDIT_USAGE, runAudit } from './audit.ts';
import { VALIDATE_USAGE, runValidate } from './validate.ts';
import { CONFORMANCE_USAGE, runConformance } from './conformance.ts';
import { KEYS_USAGE, runKeys } from './keys.ts';
import { LOG_TAIL_USAGE, runLogTail } from './log-tail.ts';
import { consoleOutput, type Output } from './output.ts';
import { startBroker } from './start-broker.ts';

export const USAGE = `usage:
  siteds start                       broker, demo insurers and store (what npm start runs)
  siteds certs init [--force]        development PKI in certs/dev/
  ${CHECK_USAGE}
  ${LOG_TAIL_USAGE}
  ${KEYS_USAGE}
  ${AUDIT_USAGE}
  ${VALIDATE_USAGE}
  ${CONFORMANCE_USAGE}`;

/** The one CLI: dispatches to a command and returns its exit code. */
export async function runCli(argv: string[], out: Output = consoleOutput): Promise<number> {
  const [command, sub, ...rest] = argv;
  const config = loadConfig();
  switch (
    `${command ?? ''} ${command === 'certs' || command === 'log' ? (sub ?? '') : ''}`.trim()
  ) {
    case 'start':
      return runStart(config, out);
    case 'certs init': {
      const result = await initDevCertificates(config, rest.includes('--force'));
      out.log(
        result.created
          ? `dev PKI written to ${result.dir}: ca.crt and ${result.codes.join(', ')}`
          : `dev PKI already present in ${result.dir} (use --force to replace it)`,
      );
      return 0;
    }
    case 'check':
      return runCheck(argv.slice(1), config, out);
    case 'log tail':
      return runLogTail(rest, config, out);
    case 'keys':
      return runKeys(argv.slice(1), config, out);
    case 'audit':
      return runAudit(argv.slice(1), config, out);
    case 'validate':
      return runValidate(argv.slice(1), out);
    case 'conformance':
      return runConformance(argv.slice(1), config, out);
    default:
      out.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function runStart(config: ReturnType<typeof loadConfig>, out: Output): Promise<number> {
  // Signal handlers first: a Ctrl-C that arrives while starting, or just after "ready" is
  // printed, still shuts down cleanly instead of killing the process mid-write.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => {
      resolve();
    });
    process.once('SIGTERM', () => {
      resolve();
    });
  });
  const broker = await startBroker(config);
  if (broker.pkiCreated) {
    out.log(`generated the development PKI in ${config.certsDir}`);
  }
  out.log(`demo insurers: ${broker.demoInsurers.join(', ') || 'none'}`);
  out.log(`HTA repository (RENETSA), public page: ${broker.htaUrl}`);
  out.log(`HL7 v2 over MLLP/TLS: ${broker.mllpUrl}`);
  out.log(
    `siteds-broker ready on ${broker.url} (store: ${broker.storeKind}) — first check: ` +
      `npx siteds check --as 00009845 --iafas 10001 --dni 41000001` +
      (broker.url === 'https://localhost:8443' ? '' : ` --url ${broker.url}`),
  );
  await stopped;
  out.log('shutting down…');
  await broker.close();
  return 0;
}
