import type { ResourceRule } from './element-rule.ts';
import type { RuleRegistry } from './rule-registry.ts';
import type {
  IssueCode,
  IssueSeverity,
  LocalizedText,
  ValidationIssue,
} from './validation-issue.ts';

/** A JSON object of a FHIR resource or element. */
export type JsonObject = Record<string, unknown>;

/** A resource inside the message, where references can be resolved to. */
export interface LocatedResource {
  readonly resource: JsonObject;
  readonly expression: string;
}

/** The entries of a Bundle by `fullUrl` and by `Type/id`. */
export type BundleIndex = ReadonlyMap<string, LocatedResource>;

/** The resource being walked, its container (when contained) and its enclosing Bundle. */
export interface ResourceScope extends LocatedResource {
  readonly container: ResourceScope | undefined;
  readonly bundle: BundleIndex | undefined;
}

/** Where a resource sits in the message. */
export interface ResourcePlace {
  readonly expression: string;
  /** The resource holding it in `contained`. */
  readonly container: ResourceScope | undefined;
  /** The Bundle it is an entry of (or inside of). */
  readonly bundle: BundleIndex | undefined;
}

/** A resource inside the message, checked after the one holding it (see `walk-message.ts`). */
export interface PendingResource {
  readonly value: unknown;
  readonly place: ResourcePlace;
  /** Target profiles that references to it ask for, known before it is walked. */
  readonly profiles: ResourceRule[];
  walked: boolean;
}

/** A reference met during the walk, resolved after it. */
export interface ReferenceSite {
  /** `Reference.reference`; undefined for a logical reference (identifier only). */
  readonly reference: string | undefined;
  readonly hasIdentifier: boolean;
  /** `Reference.identifier` (system and value), to find a logical reference's target. */
  readonly identifier: { readonly system: unknown; readonly value: unknown } | undefined;
  readonly expression: string;
  readonly targetProfiles: readonly string[];
  readonly scope: ResourceScope;
}

/** State of one validation: what it reports to and where it is. */
export interface WalkContext {
  readonly registry: RuleRegistry;
  readonly issues: ValidationIssue[];
  readonly references: ReferenceSite[];
  /** Nested resources (Bundle entries, contained) not checked yet, by expression. */
  readonly pending: Map<string, PendingResource>;
  /** `expression|profile URL` of every resource checked against one of our profiles. */
  readonly checkedProfiles: Set<string>;
  /** Resources met that have contained resources (for `dom-3`). */
  readonly containers: ResourceScope[];
  /** Profiles asked for, by resource type: resources of that type are checked against them. */
  readonly profilesByType: ReadonlyMap<string, readonly ResourceRule[]>;
  readonly scope: ResourceScope;
  /** `%resource` and `%rootResource` for invariants. */
  readonly env: Readonly<Record<string, unknown>>;
}

/** Records an issue. */
export function report(
  ctx: WalkContext,
  severity: IssueSeverity,
  code: IssueCode,
  expression: string,
  message: LocalizedText,
  rule: string,
): void {
  ctx.issues.push({ severity, code, expression, message, rule });
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
