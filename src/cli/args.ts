import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Strict `parseArgs` that turns unknown options into a `UsageError`. A value that begins with a
 * dash is taken as the value of the string option before it (a key id is base64url and may well
 * begin with `-`: `--kid -AbC…`), unless it is itself one of the command's options.
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
> {
  try {
    return parseArgs({
      args: joinDashValues(argv, options),
      options,
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `--opt -value` → `--opt=-value` for string options, when `-value` is not an option itself. */
function joinDashValues(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): string[] {
  const known = new Set(Object.keys(options).map((name) => `--${name}`));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (
      name !== undefined &&
      options[name]?.type === 'string' &&
      next?.startsWith('-') === true &&
      !known.has(next.split('=')[0] ?? next)
    ) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}
