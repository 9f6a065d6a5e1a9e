import type { FastifyReply, FastifyRequest } from 'fastify';
import { normalizeError } from '../../errors/broker-error.ts';
import { html } from './html.ts';
import { pageLanguage, textsFor } from './i18n.ts';
import { PAGE_CSP, renderLayout } from './render-layout.ts';

/** An error on the web side, as a page in the visitor's language (never internal details). */
export async function renderErrorPage(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const error = normalizeError(err);
  if (error.spec.status >= 500) {
    request.log.error({ err: error.cause ?? error, code: error.code }, 'page failed');
  }
  const lang = pageLanguage(
    (request.query as { lang?: string } | undefined)?.lang,
    request.headers['accept-language'],
  );
  const t = textsFor(lang);
  const title = error.spec.status === 404 ? t.notFound : t.error;
  const body = html`<h1>${title}</h1>
    <p>${error.spec[lang]}</p>
    <p><a href="/hta/?lang=${lang}">${t.back}</a></p>`;
  return reply
    .code(error.spec.status)
    .header('content-security-policy', PAGE_CSP)
    .type('text/html; charset=utf-8')
    .send(renderLayout({ lang, title, body, here: '/hta/', demo: false }));
}
