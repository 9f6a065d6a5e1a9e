import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { brokerError } from '../../errors/broker-error.ts';
import { summarizeReport } from '../hta-report.ts';
import type { HtaContext } from '../hta-context.ts';
import { listComments } from '../store/comment-store.ts';
import { readBinary, readCurrent, readVersionChain } from '../store/report-store.ts';
import { searchReports } from '../store/search-reports.ts';
import type { SafeHtml } from './html.ts';
import { pageLanguage, type Lang } from './i18n.ts';
import { PAGE_CSP, renderLayout } from './render-layout.ts';
import { PAGE_SIZE, renderList, type ListForm } from './render-list.ts';
import { renderReport, type CommentNotice } from './render-report.ts';

const CSS = readFileSync(new URL('./hta.css', import.meta.url));

type Query = Record<string, string | undefined>;

export function langOf(request: FastifyRequest): Lang {
  return pageLanguage((request.query as Query).lang, request.headers['accept-language']);
}

/** Sends a whole page under the strict CSP (no script, our stylesheet only). */
export function sendPage(
  reply: FastifyReply,
  ctx: HtaContext,
  page: { lang: Lang; title: string; body: SafeHtml; here: string; status?: number },
): FastifyReply {
  return reply
    .code(page.status ?? 200)
    .header('content-security-policy', PAGE_CSP)
    .header('vary', 'accept-language')
    .type('text/html; charset=utf-8')
    .send(renderLayout({ ...page, demo: ctx.demo }));
}

function listForm(q: Query): ListForm {
  const text = (v: string | undefined, max: number): string => (v ?? '').trim().slice(0, max);
  const page = Number(q.page ?? '1');
  return {
    q: text(q.q, 200),
    technology: text(q.technology, 100),
    institution: text(q.institution, 150),
    all: q.all === '1',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The report page, with a comment notice when one is given. */
export async function showReport(
  ctx: HtaContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  notice: CommentNotice,
  status = 200,
): Promise<FastifyReply> {
  const report = await readCurrent(ctx.store, id);
  if (report === undefined) {
    throw brokerError('BRK_HTA_NOT_FOUND', `no report ${id}`);
  }
  const [chain, comments] = await Promise.all([
    readVersionChain(ctx.store, id),
    listComments(ctx.store, 'approved', id),
  ]);
  const lang = langOf(request);
  const body = renderReport({ report, chain, comments, notice }, lang);
  const title = summarizeReport(report).title;
  return sendPage(reply, ctx, { lang, title, body, here: `/hta/reports/${id}`, status });
}

/** The public pages: list and search, a report, its PDF, the stylesheet. */
export function registerPageRoutes(app: FastifyInstance, ctx: HtaContext): void {
  app.get('/hta', (_request, reply) => reply.redirect('/hta/', 301));
  app.get('/hta/hta.css', (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(CSS),
  );
  app.get('/hta/', async (request, reply) => {
    const form = listForm(request.query as Query);
    const lang = langOf(request);
    const result = await searchReports(ctx.store, {
      ...(form.q === '' ? {} : { text: form.q }),
      ...(form.technology === '' ? {} : { technology: { code: form.technology } }),
      ...(form.institution === '' ? {} : { institution: form.institution }),
      ...(form.all ? {} : { status: ['current'] }),
      count: PAGE_SIZE,
      offset: (form.page - 1) * PAGE_SIZE,
    });
    const here = `/hta/${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`;
    const title = lang === 'es' ? 'Informes ETS' : 'HTA reports';
    return sendPage(reply, ctx, { lang, title, body: renderList(form, result, lang), here });
  });
  app.get<{ Params: { id: string } }>('/hta/reports/:id', async (request, reply) => {
    const pending = (request.query as Query).comment === 'pending';
    return showReport(
      ctx,
      request,
      reply,
      request.params.id,
      pending ? { kind: 'pending' } : undefined,
    );
  });
  app.get<{ Params: { id: string } }>('/hta/reports/:id/report.pdf', async (request, reply) => {
    const report = await readCurrent(ctx.store, request.params.id);
    const binaryId = report === undefined ? undefined : summarizeReport(report).binaryId;
    const binary = binaryId === undefined ? undefined : await readBinary(ctx.store, binaryId);
    if (report === undefined || binary === undefined) {
      throw brokerError('BRK_HTA_NOT_FOUND', `no PDF for report ${request.params.id}`);
    }
    const name = summarizeReport(report).identifier.replace(/[^A-Za-z0-9.-]/g, '_') || 'informe';
    return reply
      .type(binary.contentType)
      .header('content-disposition', `attachment; filename="${name}.pdf"`)
      .send(binary.bytes);
  });
}
