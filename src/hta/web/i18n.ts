import { pickLanguage } from '../../validation/to-operation-outcome.ts';

export type Lang = 'es' | 'en';

/** `?lang=` wins, then `Accept-Language`; Spanish unless English is asked for. */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'es' || query === 'en') {
    return query;
  }
  return pickLanguage(acceptLanguage);
}

const ES = {
  siteName: 'Repositorio de Evaluaciones de Tecnologías Sanitarias (RENETSA)',
  skip: 'Saltar al contenido',
  otherLanguage: 'English',
  demoNotice: 'Demostración: todos los informes de este repositorio son ficticios.',
  searchTitle: 'Buscar informes',
  searchText: 'Palabras (tecnología, indicación, título)',
  searchTechnology: 'Código de la tecnología (DIGEMID, ATC o CPMS)',
  searchInstitution: 'Institución',
  includeSuperseded: 'Incluir versiones reemplazadas',
  search: 'Buscar',
  results: (n: number) => (n === 1 ? '1 informe' : `${n} informes`),
  none: 'Ningún informe coincide con la búsqueda.',
  previous: 'Anteriores',
  next: 'Siguientes',
  technology: 'Tecnología',
  code: 'Código',
  indication: 'Indicación',
  recommendation: 'Recomendación',
  strength: 'Fuerza',
  institution: 'Institución emisora',
  status: 'Estado',
  version: 'Versión',
  date: 'Fecha',
  validUntil: 'Vigente hasta',
  identifier: 'Código del informe',
  download: 'Descargar el informe (PDF)',
  versions: 'Versiones',
  current: 'vigente',
  superseded: 'reemplazada',
  thisVersion: '(esta)',
  comments: 'Comentarios publicados',
  noComments: 'Aún no hay comentarios publicados.',
  commentTitle: 'Complementar la información',
  commentHelp:
    'Su comentario se publicará después de la revisión de un miembro de RENETSA. Se muestra como texto.',
  name: 'Nombre',
  optionalInstitution: 'Institución (opcional)',
  comment: 'Comentario',
  send: 'Enviar comentario',
  pending: 'Gracias. Su comentario quedó pendiente de moderación.',
  back: 'Volver a la lista',
  notFound: 'No encontrado',
  error: 'Error',
  docStatus: { preliminary: 'preliminar (en consulta)', final: 'final', amended: 'modificado' },
  pages: 'Paginación',
};

const EN: typeof ES = {
  siteName: 'Health Technology Assessment repository (RENETSA)',
  skip: 'Skip to content',
  otherLanguage: 'Español',
  demoNotice: 'Demonstration: every report in this repository is fictional.',
  searchTitle: 'Search reports',
  searchText: 'Words (technology, indication, title)',
  searchTechnology: 'Technology code (DIGEMID, ATC or CPMS)',
  searchInstitution: 'Institution',
  includeSuperseded: 'Include replaced versions',
  search: 'Search',
  results: (n: number) => (n === 1 ? '1 report' : `${n} reports`),
  none: 'No report matches the search.',
  previous: 'Previous',
  next: 'Next',
  technology: 'Technology',
  code: 'Code',
  indication: 'Indication',
  recommendation: 'Recommendation',
  strength: 'Strength',
  institution: 'Issuing institution',
  status: 'Status',
  version: 'Version',
  date: 'Date',
  validUntil: 'Valid until',
  identifier: 'Report code',
  download: 'Download the report (PDF)',
  versions: 'Versions',
  current: 'current',
  superseded: 'replaced',
  thisVersion: '(this one)',
  comments: 'Published comments',
  noComments: 'No comments published yet.',
  commentTitle: 'Complement the information',
  commentHelp:
    'Your comment is published after review by a RENETSA member. It is shown as plain text.',
  name: 'Name',
  optionalInstitution: 'Institution (optional)',
  comment: 'Comment',
  send: 'Send comment',
  pending: 'Thank you. Your comment is awaiting moderation.',
  back: 'Back to the list',
  notFound: 'Not found',
  error: 'Error',
  docStatus: { preliminary: 'preliminary (open for comments)', final: 'final', amended: 'amended' },
  pages: 'Pages',
};

export type Texts = typeof ES;

export function textsFor(lang: Lang): Texts {
  return lang === 'en' ? EN : ES;
}
