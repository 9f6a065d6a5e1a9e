import type { TranslateFn } from './translate-code.ts';

/** The arguments of a transform as written in the spec (`{ "name": "padLeft", "length": 8 }`). */
export type TransformArgs = Readonly<Record<string, unknown>>;

/** What a transform needs at run time. */
export interface TransformContext {
  readonly translate: TranslateFn;
}

/** A transformed value (with an optional warning), or why the value could not be transformed. */
export type TransformResult =
  { readonly ok: true; readonly value: unknown; readonly warning?: string } | TransformFailure;

/** A failure; `untranslated` failures name the ConceptMap and the code. */
export interface TransformFailure {
  readonly ok: false;
  readonly reason: string;
  readonly untranslated?: { readonly conceptMap: string; readonly code: string };
}

/** What the checker knows when it checks a transform's arguments. */
export interface ArgsContext {
  readonly conceptMaps: ReadonlySet<string>;
}

/** One named transform. */
export interface TransformDef {
  readonly name: string;
  /** Source values the forward direction takes (default 1; 0 for `constant`). */
  readonly sources?: number;
  /** Target values the forward direction gives (default 1). */
  readonly targets?: number;
  /** Problems with the arguments, for the checker. */
  readonly checkArgs: (args: TransformArgs, context: ArgsContext) => string[];
  readonly forward: (
    value: unknown,
    args: TransformArgs,
    context: TransformContext,
  ) => TransformResult;
  /** The inverse, when the transform has one (required in bidirectional specs). */
  readonly inverse?: (
    value: unknown,
    args: TransformArgs,
    context: TransformContext,
  ) => TransformResult;
}

/** A successful result. */
export function ok(value: unknown, warning?: string): TransformResult {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

/** A failed result. */
export function fail(reason: string): TransformFailure {
  return { ok: false, reason };
}

/** Problems with an optional integer argument within bounds. */
export function checkInteger(
  args: TransformArgs,
  name: string,
  min: number,
  required: boolean,
): string[] {
  const value = args[name];
  if (value === undefined) {
    return required ? [`argument "${name}" is required`] : [];
  }
  return Number.isInteger(value) && (value as number) >= min
    ? []
    : [`argument "${name}" must be an integer ≥ ${min}`];
}

/** Problems with an optional one-character string argument. */
export function checkChar(args: TransformArgs, name: string): string[] {
  const value = args[name];
  return value === undefined || (typeof value === 'string' && value.length === 1)
    ? []
    : [`argument "${name}" must be one character`];
}

/** Problems with arguments the transform does not know. */
export function checkKnownArgs(args: TransformArgs, known: readonly string[]): string[] {
  return Object.keys(args)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown argument "${k}"`);
}
