import type { DocumentReference } from 'fhir/r4.js';
import { summarizeReport, type ReportSummary } from '../hta-report.ts';
import type { SearchResult } from '../store/search-reports.ts';
import { html, type SafeHtml } from './html.ts';
import type { Lang, Texts } from './i18n.ts';
import { textsFor } from './i18n.ts';

/** What the visitor searched for (form values, echoed back escaped). */
export interface ListForm {
  readonly q: string;
  readonly technology: string;
  readonly institution: string;
  readonly all: boolean;
  readonly page: number;
}

export const PAGE_SIZE = 10;

/** The recommendation's label in the page language (the display text carries both). */
export function recommendationLabel(s: ReportSummary): string {
  return s.recommendation.display || s.recommendation.code;
}

export function docStatusLabel(t: Texts, code: string): string {
  return (t.docStatus as Record<string, string>)[code] ?? code;
}

function item(doc: DocumentReference, lang: Lang): SafeHtml {
  const t = textsFor(lang);
  const s = summarizeReport(doc);
  return html`<li>
    <h3><a href="/hta/reports/${s.id}?lang=${lang}">${s.title}</a></h3>
    <p class="meta">
      ${t.technology}: ${s.technology.name} (${s.technology.code}) · ${s.institution.name} ·
      <time datetime="${s.date}">${s.date.slice(0, 10)}</time>
    </p>
    <p class="meta">
      ${t.recommendation}: ${recommendationLabel(s)} · ${t.version}
      ${s.reportVersion}${s.status === 'superseded' ? html` · ${t.superseded}` : ''}
    </p>
  </li>`;
}

function pageLink(form: ListForm, lang: Lang, page: number): string {
  const p = new URLSearchParams({ lang, page: String(page) });
  for (const [k, v] of [
    ['q', form.q],
    ['technology', form.technology],
    ['institution', form.institution],
  ] as const) {
    if (v !== '') {
      p.set(k, v);
    }
  }
  if (form.all) {
    p.set('all', '1');
  }
  return `/hta/?${p.toString()}`;
}

function pager(form: ListForm, lang: Lang, total: number): SafeHtml {
  const t = textsFor(lang);
  const hasNext = form.page * PAGE_SIZE < total;
  if (form.page <= 1 && !hasNext) {
    return html``;
  }
  return html`<nav class="pages" aria-label="${t.pages}">
    ${form.page > 1 ? html`<a href="${pageLink(form, lang, form.page - 1)}" rel="prev">${t.previous}</a>` : ''}${hasNext ? html`<a href="${pageLink(form, lang, form.page + 1)}" rel="next">${t.next}</a>` : ''}
  </nav>`;
}

/** The home page: search form, the count (announced), the matching reports, pages. */
export function renderList(form: ListForm, result: SearchResult, lang: Lang): SafeHtml {
  const t = textsFor(lang);
  return html`<h1>${t.siteName}</h1>
    <section aria-labelledby="search-title">
      <h2 id="search-title">${t.searchTitle}</h2>
      <form class="search" method="get" action="/hta/" role="search">
        <input type="hidden" name="lang" value="${lang}" />
        <div>
          <label for="q">${t.searchText}</label
          ><input type="search" id="q" name="q" value="${form.q}" maxlength="200" />
        </div>
        <div>
          <label for="technology">${t.searchTechnology}</label
          ><input
            type="text"
            id="technology"
            name="technology"
            value="${form.technology}"
            maxlength="100"
          />
        </div>
        <div>
          <label for="institution">${t.searchInstitution}</label
          ><input
            type="text"
            id="institution"
            name="institution"
            value="${form.institution}"
            maxlength="150"
          />
        </div>
        <div class="check">
          <input type="checkbox" id="all" name="all" value="1" ${form.all ? html` checked` : ''} />
          <label for="all">${t.includeSuperseded}</label>
        </div>
        <div><button type="submit">${t.search}</button></div>
      </form>
    </section>
    <section aria-labelledby="results-title">
      <h2 id="results-title" role="status">${t.results(result.total)}</h2>
      ${
        result.reports.length === 0
          ? html`<p>${t.none}</p>`
          : html`<ol class="reports">
              ${result.reports.map((d) => item(d, lang))}
            </ol>`
      }
      ${pager(form, lang, result.total)}
    </section>`;
}
