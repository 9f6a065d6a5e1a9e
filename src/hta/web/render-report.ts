import type { DocumentReference } from 'fhir/r4.js';
import { HTA, summarizeReport } from '../hta-report.ts';
import type { StoredComment } from '../store/comment-store.ts';
import { COMMENT_LIMITS } from '../comments/read-comment-form.ts';
import { html, type SafeHtml } from './html.ts';
import type { Lang, Texts } from './i18n.ts';
import { textsFor } from './i18n.ts';
import { docStatusLabel, recommendationLabel } from './render-list.ts';

/** What the comment form shows after a submission: a confirmation, or the fields to fix. */
export type CommentNotice =
  | { readonly kind: 'pending' }
  | { readonly kind: 'error'; readonly message: string; readonly values: Record<string, string> }
  | undefined;

export interface ReportPage {
  readonly report: DocumentReference;
  /** Every report version (oldest first), each as its latest FHIR version. */
  readonly chain: readonly DocumentReference[];
  readonly comments: readonly StoredComment[];
  readonly notice: CommentNotice;
}

const SYSTEM_LABELS: Record<string, string> = {
  [HTA.atc]: 'ATC',
  [HTA.digemid]: 'DIGEMID',
  [HTA.cpms]: 'CPMS',
};

function facts(report: DocumentReference, t: Texts): SafeHtml {
  const s = summarizeReport(report);
  const rows: [string, string][] = [
    [t.identifier, s.identifier],
    [t.technology, s.technology.name],
    [t.code, `${SYSTEM_LABELS[s.technology.system] ?? s.technology.system} ${s.technology.code}`],
    [t.indication, s.indication],
    [t.recommendation, recommendationLabel(s)],
    [t.strength, s.strength],
    [t.institution, s.institution.name],
    [
      t.status,
      `${docStatusLabel(t, s.docStatus)} · ${s.status === 'current' ? t.current : t.superseded}`,
    ],
    [t.version, s.reportVersion],
    [t.date, s.date.slice(0, 10)],
    ...(s.validUntil === undefined
      ? []
      : [[t.validUntil, s.validUntil.slice(0, 10)] as [string, string]]),
  ];
  return html`<dl class="facts">
    ${rows.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
}

function versions(page: ReportPage, lang: Lang, t: Texts): SafeHtml {
  const rows = page.chain.map((d) => {
    const s = summarizeReport(d);
    const self = s.id === page.report.id;
    return html`<tr>
      <td>
        ${self ? html`${s.reportVersion} ${t.thisVersion}` : html`<a href="/hta/reports/${s.id}?lang=${lang}">${s.reportVersion}</a>`}
      </td>
      <td>${s.date.slice(0, 10)}</td>
      <td>${s.status === 'current' ? t.current : t.superseded}</td>
    </tr>`;
  });
  return html`<h2 id="versions">${t.versions}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.version}</th>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.status}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

function comments(list: readonly StoredComment[], t: Texts): SafeHtml {
  const items = list.map(
    (c) =>
      html`<article class="comment">
        <h3>${c.authorName}${c.institution === null ? '' : ` — ${c.institution}`}</h3>
        <p class="meta">
          <time datetime="${c.submittedAt.toISOString()}"
            >${c.submittedAt.toISOString().slice(0, 10)}</time
          >
        </p>
        <p class="text">${c.body}</p>
      </article>`,
  );
  return html`<h2 id="comments">${t.comments}</h2>
    ${items.length === 0 ? html`<p>${t.noComments}</p>` : items}`;
}

function commentForm(page: ReportPage, lang: Lang, t: Texts): SafeHtml {
  const id = page.report.id ?? '';
  const n = page.notice;
  const v = n?.kind === 'error' ? n.values : {};
  const status =
    n?.kind === 'pending'
      ? html`<p id="comment-status" class="status ok" role="status">${t.pending}</p>`
      : n?.kind === 'error'
        ? html`<p id="comment-status" class="status err" role="alert">${n.message}</p>`
        : '';
  return html`<h2 id="comment-form">${t.commentTitle}</h2>
    ${status}
    <p>${t.commentHelp}</p>
    <form method="post" action="/hta/reports/${id}/comments?lang=${lang}">
      <div class="field">
        <label for="name">${t.name}</label
        ><input
          type="text"
          id="name"
          name="name"
          required
          maxlength="${COMMENT_LIMITS.name}"
          autocomplete="name"
          value="${v.name ?? ''}"
        />
      </div>
      <div class="field">
        <label for="institution">${t.optionalInstitution}</label
        ><input
          type="text"
          id="institution"
          name="institution"
          maxlength="${COMMENT_LIMITS.institution}"
          autocomplete="organization"
          value="${v.institution ?? ''}"
        />
      </div>
      <div class="field">
        <label for="comment">${t.comment}</label
        ><textarea id="comment" name="comment" required rows="6" maxlength="${COMMENT_LIMITS.body}">
${v.body ?? ''}</textarea>
      </div>
      <button type="submit">${t.send}</button>
    </form>`;
}

/** A report: its facts, the PDF, its versions, the published comments and the comment form. */
export function renderReport(page: ReportPage, lang: Lang): SafeHtml {
  const t = textsFor(lang);
  const s = summarizeReport(page.report);
  return html`<p><a href="/hta/?lang=${lang}">${t.back}</a></p>
    <h1>${s.title}</h1>
    ${facts(page.report, t)}
    ${s.binaryId === undefined ? '' : html`<p><a href="/hta/reports/${s.id}/report.pdf" type="application/pdf" download>${t.download}</a></p>`}
    ${versions(page, lang, t)}${comments(page.comments, t)}${commentForm(page, lang, t)}`;
}
