import {
  checkChar,
  checkInteger,
  checkKnownArgs,
  fail,
  ok,
  type TransformArgs,
  type TransformDef,
} from './transform.ts';

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Trims spaces at both ends; the inverse leaves the value as it is (pad explicitly if needed). */
export const trim: TransformDef = {
  name: 'trim',
  checkArgs: (args) => checkKnownArgs(args, []),
  forward: (value) => {
    const s = asText(value);
    return s === undefined ? fail(`${JSON.stringify(value)} is not text`) : ok(s.trim());
  },
  inverse: (value) => ok(value),
};

/** Upper-cases; has no inverse (the original case is lost). */
export const upper: TransformDef = {
  name: 'upper',
  checkArgs: (args) => checkKnownArgs(args, []),
  forward: (value) => {
    const s = asText(value);
    return s === undefined ? fail(`${JSON.stringify(value)} is not text`) : ok(s.toUpperCase());
  },
};

const PAD_ARGS = ['length', 'char'];

function checkPad(args: TransformArgs): string[] {
  return [
    ...checkKnownArgs(args, PAD_ARGS),
    ...checkInteger(args, 'length', 1, true),
    ...checkChar(args, 'char'),
  ];
}

function padChar(args: TransformArgs): string {
  return typeof args.char === 'string' ? args.char : ' ';
}

function pad(value: unknown, args: TransformArgs, side: 'left' | 'right') {
  const s = asText(value);
  const length = Number(args.length);
  if (s === undefined) {
    return fail(`${JSON.stringify(value)} is not text`);
  }
  if (s.length > length) {
    return fail(`"${s}" is longer than ${length}`);
  }
  return ok(side === 'left' ? s.padStart(length, padChar(args)) : s.padEnd(length, padChar(args)));
}

/** Strips the pad character on one side, keeping at least one character. */
function strip(value: unknown, args: TransformArgs, side: 'left' | 'right') {
  const s = asText(value);
  if (s === undefined) {
    return fail(`${JSON.stringify(value)} is not text`);
  }
  const c = padChar(args);
  let start = 0;
  let end = s.length;
  while (side === 'left' && start < end - 1 && s[start] === c) {
    start++;
  }
  while (side === 'right' && end > start + 1 && s[end - 1] === c) {
    end--;
  }
  return ok(s.slice(start, end));
}

/** Pads on the left to `length` with `char` (default space); the inverse strips them. */
export const padLeft: TransformDef = {
  name: 'padLeft',
  checkArgs: checkPad,
  forward: (value, args) => pad(value, args, 'left'),
  inverse: (value, args) => strip(value, args, 'left'),
};

/** Pads on the right to `length` with `char` (default space); the inverse strips them. */
export const padRight: TransformDef = {
  name: 'padRight',
  checkArgs: checkPad,
  forward: (value, args) => pad(value, args, 'right'),
  inverse: (value, args) => strip(value, args, 'right'),
};
