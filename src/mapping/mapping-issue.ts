/** Something the mapping could not do, or did with a loss; mapping reports, it never throws. */
export interface MappingIssue {
  /**
   * `unmapped`: a source field with a value that no rule read; `untranslated`: a code without
   * a translation; `transform-failed`: a value a transform refused; `write-failed`: a target
   * path that could not be written; `lossy`: done, but not equivalently (an inexact
   * translation, seconds dropped).
   */
  readonly kind: 'unmapped' | 'untranslated' | 'transform-failed' | 'write-failed' | 'lossy';
  readonly severity: 'error' | 'warning';
  /** Concrete location in the source (`coverages[1].code`); in the target for write-failed. */
  readonly path: string;
  /** The rule, as `#3 dni (document.number → Patient.identifier[…].value)`. */
  readonly rule?: string;
  readonly message: string;
  readonly value?: unknown;
  readonly conceptMap?: string;
  readonly code?: string;
}

/** The result of one mapping. */
export interface MappingResult {
  readonly target: Record<string, unknown>;
  readonly issues: readonly MappingIssue[];
}

/**
 * An issue found by code around a spec (not by the engine), located like the engine's: losses and
 * unmapped fields are warnings, anything else an error.
 */
export function issueAt(
  kind: MappingIssue['kind'],
  path: string,
  message: string,
  extra: Partial<MappingIssue> = {},
): MappingIssue {
  return {
    kind,
    severity: kind === 'lossy' || kind === 'unmapped' ? 'warning' : 'error',
    path,
    message,
    ...extra,
  };
}
