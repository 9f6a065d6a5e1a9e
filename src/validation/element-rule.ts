import type { ValueSetCodes } from './expand-value-set.ts';
import type { IssueSeverity } from './validation-issue.ts';

/** One allowed type of an element, with the JSON name it takes (`valueQuantity` for a choice). */
export interface TypeRule {
  readonly code: string;
  readonly jsonName: string;
  /** `Reference.targetProfile` / `canonical` targets; our profiles are checked on resolution. */
  readonly targetProfiles: readonly string[];
  /** `ElementDefinition.type.profile`: profiles the value must conform to (slices by profile). */
  readonly profiles: readonly string[];
  /**
   * Those of {@link profiles} that are constraint profiles known here, compiled on first use:
   * the value is checked against each (an `Extension` against its extension definition, an
   * `Identifier` against its profile). Profiles unknown here (`SimpleQuantity`) are left out.
   */
  readonly conformsTo: () => readonly ResourceRule[];
}

/** How strongly a coded element is bound to its ValueSet (`ElementDefinition.binding.strength`). */
export type BindingStrength = 'required' | 'extensible' | 'preferred' | 'example';

/** A binding, with its ValueSet expanded (`codes` undefined: cannot be expanded locally). */
export interface BindingRule {
  readonly valueSet: string;
  readonly strength: BindingStrength;
  readonly codes: ValueSetCodes | undefined;
  /** The expansion holds only the known codes of a `fragment` CodeSystem. */
  readonly partial: boolean;
  /**
   * The codes of every complete CodeSystem known here that the ValueSet draws on, by system:
   * a code of such a system that is not among them exists nowhere, whatever the strength.
   */
  readonly systems: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A FHIRPath invariant, compiled once. */
export interface InvariantRule {
  readonly key: string;
  readonly severity: IssueSeverity;
  readonly human: string;
  readonly evaluate: (node: unknown, env: Readonly<Record<string, unknown>>) => unknown[];
}

/** A discriminator of a slicing (`value`, `pattern`, `exists`, `type`, `profile`) and its path. */
export interface DiscriminatorRule {
  /** As written in the profile: a kind R4 does not define is reported, not ignored. */
  readonly type: string;
  readonly path: string;
}

/** How the items of an element are sliced. */
export interface SlicingRule {
  readonly discriminators: readonly DiscriminatorRule[];
  readonly closed: boolean;
  readonly slices: readonly ElementRule[];
}

/** What an element requires of its values: compiled from one snapshot element. */
export interface ElementRule {
  /** Element id, with slice names: `Patient.identifier:dni`. */
  readonly id: string;
  /** Definition path (FHIRPath base for invariants): `Patient.identifier`. */
  readonly path: string;
  /** JSON property name, or the choice's base name (`value` for `value[x]`). */
  readonly name: string;
  readonly sliceName: string | undefined;
  readonly min: number;
  readonly max: number;
  /** The base definition repeats: the JSON value is an array. */
  readonly isArray: boolean;
  readonly isChoice: boolean;
  readonly types: readonly TypeRule[];
  readonly fixed: unknown;
  readonly pattern: unknown;
  readonly binding: BindingRule | undefined;
  readonly invariants: readonly InvariantRule[];
  readonly slicing: SlicingRule | undefined;
  /** Absence matters: the element or one of its slices has a minimum (checked when absent). */
  readonly checkAbsent: boolean;
  /** Children given inline (backbone, expanded type) or by content reference; else the type's. */
  readonly content: () => ComplexRule | undefined;
}

/** The children of a complex value: a data type, a backbone element, or a resource. */
export interface ComplexRule {
  readonly name: string;
  readonly children: readonly ElementRule[];
  /** Every JSON property name (choice variants included) to its element and type. */
  readonly byJsonName: ReadonlyMap<string, { readonly rule: ElementRule; readonly type: TypeRule }>;
}

/** A resource type or profile, compiled. */
export interface ResourceRule {
  readonly url: string;
  readonly type: string;
  /** The root element: the resource's own invariants (`dom-*`, profile invariants). */
  readonly root: ElementRule;
  readonly content: ComplexRule;
}
