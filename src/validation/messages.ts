import type { LocalizedText } from './validation-issue.ts';

const show = (v: unknown) => JSON.stringify(v);

const STRENGTH_ES: Readonly<Record<string, string>> = {
  required: 'requerido',
  extensible: 'extensible',
  preferred: 'preferido',
};

/** The messages of every rule, in Spanish and English. */
export const MESSAGES = {
  unknownElement: (name: string): LocalizedText => ({
    es: `Elemento desconocido '${name}': no está definido en FHIR R4 ni en el perfil`,
    en: `Unknown element '${name}': not defined in FHIR R4 or the profile`,
  }),
  unknownResourceType: (type: unknown): LocalizedText => ({
    es: `Tipo de recurso desconocido: ${show(type)}`,
    en: `Unknown resource type: ${show(type)}`,
  }),
  wrongJsonType: (expected: string, type: string): LocalizedText => ({
    es: `Se esperaba un valor JSON de tipo ${expected} (FHIR ${type})`,
    en: `Expected a JSON ${expected} (FHIR ${type})`,
  }),
  badFormat: (type: string, value: unknown): LocalizedText => ({
    es: `El valor ${show(value)} no es un ${type} válido`,
    en: `The value ${show(value)} is not a valid ${type}`,
  }),
  arrayExpected: (name: string): LocalizedText => ({
    es: `'${name}' se repite: debe ser un arreglo JSON`,
    en: `'${name}' repeats: it must be a JSON array`,
  }),
  singleExpected: (name: string): LocalizedText => ({
    es: `'${name}' no se repite: no puede ser un arreglo JSON`,
    en: `'${name}' does not repeat: it cannot be a JSON array`,
  }),
  tooFew: (name: string, min: number, count: number): LocalizedText => ({
    es: `Falta '${name}': se requiere${min > 1 ? `n al menos ${min}` : ''} (hay ${count})`,
    en: `'${name}' is missing: at least ${min} required (found ${count})`,
  }),
  tooMany: (name: string, max: number, count: number): LocalizedText => ({
    es: `'${name}' admite como máximo ${max} (hay ${count})`,
    en: `'${name}' allows at most ${max} (found ${count})`,
  }),
  twoChoices: (name: string): LocalizedText => ({
    es: `'${name}[x]' aparece con más de un tipo`,
    en: `'${name}[x]' appears with more than one type`,
  }),
  empty: (): LocalizedText => ({
    es: 'Elemento vacío: debe tener un valor o hijos (ele-1)',
    en: 'Empty element: it must have a value or children (ele-1)',
  }),
  notFixed: (expected: unknown): LocalizedText => ({
    es: `El valor debe ser exactamente ${show(expected)}`,
    en: `The value must be exactly ${show(expected)}`,
  }),
  notPattern: (expected: unknown): LocalizedText => ({
    es: `El valor debe contener ${show(expected)}`,
    en: `The value must contain ${show(expected)}`,
  }),
  notInValueSet: (code: unknown, valueSet: string, strength: string): LocalizedText => ({
    es: `El código ${show(code)} no está en el conjunto de valores ${STRENGTH_ES[strength] ?? strength} ${valueSet}`,
    en: `The code ${show(code)} is not in the ${strength} value set ${valueSet}`,
  }),
  notAmongKnownCodes: (code: unknown, valueSet: string): LocalizedText => ({
    es: `El código ${show(code)} no está entre los códigos conocidos de ${valueSet} (lista parcial): verifique que sea correcto`,
    en: `The code ${show(code)} is not among the known codes of ${valueSet} (a partial list): check that it is right`,
  }),
  notInCodeSystem: (code: string, system: string): LocalizedText => ({
    es: `El código ${show(code)} no existe en el sistema de códigos ${system}`,
    en: `The code ${show(code)} does not exist in the code system ${system}`,
  }),
  valueSetUnavailable: (valueSet: string, strength: string): LocalizedText => ({
    es: `No se verificó el código: el conjunto de valores ${STRENGTH_ES[strength] ?? strength} ${valueSet} no se puede expandir sin conexión (terminología externa o filtros)`,
    en: `The code was not checked: the ${strength} value set ${valueSet} cannot be expanded offline (external terminology or filters)`,
  }),
  sliceTooFew: (slice: string, min: number, count: number): LocalizedText => ({
    es: `Falta '${slice}': se requiere${min > 1 ? `n al menos ${min}` : ''} (hay ${count})`,
    en: `'${slice}' is missing: at least ${min} required (found ${count})`,
  }),
  sliceTooMany: (slice: string, max: number, count: number): LocalizedText => ({
    es: `'${slice}' admite como máximo ${max} (hay ${count})`,
    en: `'${slice}' allows at most ${max} (found ${count})`,
  }),
  notInClosedSlicing: (name: string): LocalizedText => ({
    es: `Este '${name}' no corresponde a ninguna de las variantes permitidas`,
    en: `This '${name}' matches none of the allowed slices`,
  }),
  discriminatorUnsupported: (kind: string, path: string): LocalizedText => ({
    es: `No se puede evaluar el discriminador '${kind}' con la ruta '${path}': no se sabe a qué variante (slice) corresponde este elemento`,
    en: `Cannot evaluate the '${kind}' discriminator at path '${path}': which slice this element belongs to is unknown`,
  }),
  /** Our profiles write an invariant's `human` as `español / English`; core ones are English. */
  invariant: (key: string, human: string): LocalizedText => {
    const [es, en] = human.includes(' / ') ? human.split(' / ', 2) : [human, human];
    return {
      es: `No se cumple la regla ${key}: ${es ?? human}`,
      en: `Rule ${key} fails: ${en ?? human}`,
    };
  },
  invariantError: (key: string, error: string): LocalizedText => ({
    es: `No se pudo evaluar la regla ${key}: ${error}`,
    en: `Rule ${key} could not be evaluated: ${error}`,
  }),
  referenceNotFound: (ref: string): LocalizedText => ({
    es: `La referencia '${ref}' no apunta a ningún recurso del mensaje`,
    en: `The reference '${ref}' points to no resource in the message`,
  }),
  referenceWrongType: (ref: string, type: string, allowed: string): LocalizedText => ({
    es: `La referencia '${ref}' apunta a un ${type}; se admite ${allowed}`,
    en: `The reference '${ref}' points to a ${type}; allowed: ${allowed}`,
  }),
  referenceNotLocal: (ref: string, profile: string): LocalizedText => ({
    es: `Falta el ${profile}: la referencia '${ref}' debe apuntar a un recurso del mensaje (contenido o entrada del Bundle) o llevar un identificador`,
    en: `The ${profile} is missing: the reference '${ref}' must point to a resource in the message (contained or a Bundle entry) or carry an identifier`,
  }),
  referenceUnresolvable: (ref: string, profile: string): LocalizedText => ({
    es: `No se pudo verificar el destino de la referencia (${ref}) contra el perfil ${profile}: no está en el mensaje y el broker no consulta recursos externos`,
    en: `The target of the reference (${ref}) could not be checked against the profile ${profile}: it is not in the message and the broker does not fetch`,
  }),
  profileWrongType: (profile: string, type: string): LocalizedText => ({
    es: `El perfil ${profile} no se aplica a un ${type}`,
    en: `The profile ${profile} does not apply to a ${type}`,
  }),
  unknownExtension: (url: string, modifier: boolean): LocalizedText =>
    modifier
      ? {
          es: `Extensión modificadora desconocida '${url}': no se puede procesar un recurso cuyo significado cambia una extensión que no se conoce`,
          en: `Unknown modifier extension '${url}': a resource whose meaning an unknown extension changes cannot be processed`,
        }
      : {
          es: `Extensión desconocida '${url}': no se verificó su contenido`,
          en: `Unknown extension '${url}': its content was not checked`,
        },
  choiceTypeNotAllowed: (
    name: string,
    type: string,
    allowed: readonly string[],
  ): LocalizedText => ({
    es: `'${name}[x]' no admite el tipo ${type} aquí; se admite: ${allowed.join(', ')}`,
    en: `'${name}[x]' does not allow the type ${type} here; allowed: ${allowed.join(', ')}`,
  }),
  unknownProfile: (profile: string): LocalizedText => ({
    es: `Perfil desconocido: ${profile}`,
    en: `Unknown profile: ${profile}`,
  }),
} as const;
