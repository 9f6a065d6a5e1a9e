import type { Config } from '../config/config.ts';
import {
  addSigningKey,
  keyFilesOf,
  readJwksFile,
  revokeSigningKey,
  rotateSigningKey,
} from '../jose/key-files.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Output } from './output.ts';

export const KEYS_USAGE =
  'siteds keys list|add|rotate|revoke --as <code> [--kid KID] [--grace-days N] [--certs DIR]';

/**
 * `siteds keys`: a participant's JWS signing keys in the certs folder (`<code>.jwks.json`, the
 * JWKS the registry points to, and `<code>.sig.pem`). `rotate` makes a new active key and lets the
 * old one expire after a grace period; `revoke` marks a key revoked. The broker reads the JWKS at
 * start, so changes take effect on the next start.
 */
export function runKeys(argv: string[], config: Config, out: Output): number {
  const [action, ...rest] = argv;
  const { values } = parseOptions(rest, {
    as: { type: 'string' },
    kid: { type: 'string' },
    'grace-days': { type: 'string', default: '7' },
    certs: { type: 'string', default: config.certsDir },
  });
  if (values.as === undefined) {
    throw new UsageError('--as <code> is required');
  }
  const files = keyFilesOf(values.certs, values.as);
  switch (action ?? '') {
    case 'list':
      for (const k of readJwksFile(files.jwks).keys) {
        const state =
          k.revoked === true ? 'revoked' : k.exp === undefined ? 'active' : `expires ${iso(k.exp)}`;
        out.log(`${k.kid} ${k.alg} from ${k.nbf === undefined ? '-' : iso(k.nbf)} ${state}`);
      }
      return 0;
    case 'add':
      out.log(
        `added ${addSigningKey(files, false).kid} (not active; kept as ${files.retired('<kid>')})`,
      );
      return 0;
    case 'rotate': {
      const days = Number(values['grace-days']);
      if (!Number.isFinite(days) || days < 0) {
        throw new UsageError('--grace-days must be a number of days, 0 or more');
      }
      const { added, retiring } = rotateSigningKey(files, Math.round(days * 86_400));
      out.log(
        `active key is now ${added}; ${retiring ?? 'no previous key'} expires in ${days} days`,
      );
      return 0;
    }
    case 'revoke':
      if (values.kid === undefined) {
        throw new UsageError('revoke needs --kid');
      }
      if (!revokeSigningKey(files, values.kid)) {
        out.error(`no key ${values.kid} in ${files.jwks}`);
        return 1;
      }
      out.log(`revoked ${values.kid}; restart the broker to apply`);
      return 0;
    default:
      throw new UsageError(`unknown keys action ${String(action)}`);
  }
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
