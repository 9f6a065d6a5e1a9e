import type { Encoding } from './encoding.ts';

/**
 * HL7 v2 escape sequences (v2.5.1 §2.7): `\F\ \S\ \T\ \R\ \E\` stand for the delimiters, and
 * `\Xhh…\` for bytes given in hex (decoded as UTF-8). Every other sequence (`\H\`, `\N\`,
 * `\.br\`, `\Cxxyy\`, `\Mxxyyzz\`, `\Zxx\`) is formatting or character-set switching that a
 * value cannot carry as plain text: it is kept verbatim, escape characters included.
 */
export function unescapeHl7(raw: string, enc: Encoding): string {
  const e = enc.escape;
  if (!raw.includes(e)) {
    return raw;
  }
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const end = raw.charAt(i) === e ? raw.indexOf(e, i + 1) : -1;
    if (end === -1) {
      out += raw.charAt(i);
      i += 1;
      continue;
    }
    out += decodeSequence(raw.slice(i + 1, end), enc);
    i = end + 1;
  }
  return out;
}

function decodeSequence(body: string, enc: Encoding): string {
  const simple: Record<string, string> = {
    F: enc.field,
    S: enc.component,
    T: enc.subComponent,
    R: enc.repetition,
    E: enc.escape,
  };
  const known = simple[body];
  if (known !== undefined) {
    return known;
  }
  if (/^X([0-9A-Fa-f]{2})+$/.test(body)) {
    return Buffer.from(body.slice(1), 'hex').toString('utf8');
  }
  return `${enc.escape}${body}${enc.escape}`;
}

/** Escapes the delimiters in a plain value so it can be placed in a field, component or sub-component. */
export function escapeHl7(value: string, enc: Encoding): string {
  const codes = new Map([
    [enc.escape, 'E'],
    [enc.field, 'F'],
    [enc.component, 'S'],
    [enc.subComponent, 'T'],
    [enc.repetition, 'R'],
    ['\r', 'X0D'],
    ['\n', 'X0A'],
  ]);
  let out = '';
  for (const ch of value) {
    const code = codes.get(ch);
    out += code === undefined ? ch : `${enc.escape}${code}${enc.escape}`;
  }
  return out;
}
