import { html, type SafeHtml } from './html.ts';
import type { Lang } from './i18n.ts';
import { textsFor } from './i18n.ts';

/** The strict policy of every page: nothing but our own stylesheet, no script at all. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PageInput {
  readonly lang: Lang;
  readonly title: string;
  readonly body: SafeHtml;
  /** This page's URL path and query without `lang`, for the language switch. */
  readonly here: string;
  readonly demo: boolean;
}

/** The URL of `here` in the other language. */
function switchLanguage(here: string, lang: Lang): string {
  const other = lang === 'es' ? 'en' : 'es';
  const url = new URL(here, 'https://x');
  url.searchParams.set('lang', other);
  return `${url.pathname}${url.search}`;
}

/** A whole page: language, skip link, header with the language switch, main, footer. */
export function renderLayout(page: PageInput): string {
  const t = textsFor(page.lang);
  const other = page.lang === 'es' ? 'en' : 'es';
  return `<!doctype html>${
    html`<html lang="${page.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${page.title} · RENETSA</title>
        <link rel="stylesheet" href="/hta/hta.css" />
      </head>
      <body>
        <a class="skip" href="#main">${t.skip}</a>
        ${page.demo ? html`<p class="notice" role="note">${t.demoNotice}</p>` : ''}
        <header>
          <p><a href="/hta/?lang=${page.lang}">${t.siteName}</a></p>
          <a href="${switchLanguage(page.here, page.lang)}" hreflang="${other}" lang="${other}"
            >${t.otherLanguage}</a
          >
        </header>
        <main id="main" tabindex="-1">${page.body}</main>
        <footer>
          <p class="meta">RENETSA · FHIR: <a href="/hta/fhir/DocumentReference">/hta/fhir</a></p>
        </footer>
      </body>
    </html>`.value
  }`;
}
