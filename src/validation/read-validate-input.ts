import type { Parameters, Resource } from 'fhir/r4.js';
import type { LocalizedText, ValidationIssue } from './validation-issue.ts';

/** The `mode` values of FHIR R4 `$validate` (ResourceValidationMode). */
const MODES: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'profile']);

/** What `$validate` was asked: the resource, the profile, the mode, and problems in the ask. */
export interface ValidateInput {
  readonly resource: Resource | undefined;
  readonly profile: string | undefined;
  readonly mode: string | undefined;
  /** Problems with the parameters themselves (no resource, unknown mode…). */
  readonly issues: ValidationIssue[];
}

/**
 * Reads a `$validate` body as the R4 OperationDefinition `Resource-validate` says: a
 * `Parameters` body carries `resource` (the resource to check), `profile` (uri) and `mode`
 * (create | update | delete | profile); any other body is the resource itself, with `profile`
 * and `mode` from the URL. A Parameters' values win over the URL's.
 * - `update` needs the resource's `id` (an error without it);
 * - `profile` needs a profile;
 * - `delete` cannot be checked: the broker keeps no resources (not-supported);
 * - an unknown mode is an error.
 */
export function readValidateInput(
  body: Resource,
  query: { readonly profile?: string | undefined; readonly mode?: string | undefined },
): ValidateInput {
  const params = body.resourceType === 'Parameters' ? paramsOf(body as Parameters) : undefined;
  const resource = params === undefined ? body : params.resource;
  const profile = params?.profile ?? query.profile;
  const mode = params?.mode ?? query.mode;
  const issues: ValidationIssue[] = [];
  const problem = (code: ValidationIssue['code'], message: LocalizedText) =>
    issues.push({ severity: 'error', code, expression: 'Parameters', message, rule: 'validate' });
  if (mode !== undefined && !MODES.has(mode)) {
    problem('value', INPUT_MESSAGES.unknownMode(mode));
  } else if (mode === 'delete') {
    problem('not-supported', INPUT_MESSAGES.deleteMode());
  } else if (resource === undefined) {
    problem('required', INPUT_MESSAGES.noResource());
  } else if (mode === 'update' && resource.id === undefined) {
    problem('required', INPUT_MESSAGES.updateWithoutId());
  } else if (mode === 'profile' && profile === undefined) {
    problem('required', INPUT_MESSAGES.profileModeWithoutProfile());
  }
  return { resource, profile, mode, issues };
}

function paramsOf(body: Parameters) {
  const find = (name: string) => body.parameter?.find((p) => p.name === name);
  const profile = find('profile');
  return {
    resource: find('resource')?.resource,
    profile: profile?.valueUri ?? profile?.valueCanonical ?? profile?.valueString,
    mode: find('mode')?.valueCode ?? find('mode')?.valueString,
  };
}

const INPUT_MESSAGES = {
  unknownMode: (mode: string): LocalizedText => ({
    es: `Modo desconocido '${mode}': se admite create, update, delete o profile`,
    en: `Unknown mode '${mode}': create, update, delete or profile`,
  }),
  deleteMode: (): LocalizedText => ({
    es: 'El modo delete no se puede verificar: el broker no guarda recursos',
    en: 'Mode delete cannot be checked: the broker keeps no resources',
  }),
  noResource: (): LocalizedText => ({
    es: "Falta el parámetro 'resource' con el recurso a validar",
    en: "The 'resource' parameter with the resource to validate is missing",
  }),
  updateWithoutId: (): LocalizedText => ({
    es: "El modo update requiere el 'id' del recurso",
    en: "Mode update needs the resource's 'id'",
  }),
  profileModeWithoutProfile: (): LocalizedText => ({
    es: "El modo profile requiere el parámetro 'profile'",
    en: "Mode profile needs the 'profile' parameter",
  }),
} as const;
