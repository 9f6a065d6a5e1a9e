import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { brokerError } from '../../errors/broker-error.ts';
import type { HtaContext } from '../hta-context.ts';
import { insertComment } from '../store/comment-store.ts';
import { readCurrent } from '../store/report-store.ts';
import { langOf, showReport } from '../web/page-routes.ts';
import { readCommentForm } from './read-comment-form.ts';

/** The largest comment form accepted: the fields' limits, percent-encoded, with room to spare. */
export const MAX_FORM_BYTES = 16 * 1024;

const FIX = {
  es: {
    name: 'el nombre (obligatorio, hasta 100 caracteres)',
    institution: 'la institución (hasta 150 caracteres)',
    body: 'el comentario (obligatorio, hasta 4000 caracteres)',
    intro: 'Revise ',
    rate: 'Demasiados comentarios desde su dirección; intente más tarde.',
  },
  en: {
    name: 'the name (required, up to 100 characters)',
    institution: 'the institution (up to 150 characters)',
    body: 'the comment (required, up to 4000 characters)',
    intro: 'Please check ',
    rate: 'Too many comments from your address; please try again later.',
  },
} as const;

/**
 * `POST /hta/reports/:id/comments`: the plain HTML form, no JavaScript needed. A good comment is
 * stored as `pending` and the visitor is redirected (303) to the report with a confirmation; a
 * bad one gets the page back (422) with what to fix and the values kept; past the per-address
 * limit, 429. A form larger than 16 KiB is refused (413) before it is read.
 */
export function registerCommentRoutes(app: FastifyInstance, ctx: HtaContext): void {
  const bodyLimit = MAX_FORM_BYTES;
  app.post<{ Params: { id: string } }>(
    '/hta/reports/:id/comments',
    { bodyLimit },
    async (request, reply) => {
      const { id } = request.params;
      const lang = langOf(request);
      if ((await readCurrent(ctx.store, id)) === undefined) {
        throw brokerError('BRK_HTA_NOT_FOUND', `no report ${id}`);
      }
      const media = request.headers['content-type']?.split(';')[0]?.trim();
      if (media !== 'application/x-www-form-urlencoded') {
        throw brokerError('BRK_REQUEST_UNSUPPORTED_MEDIA_TYPE', 'a form post is expected');
      }
      const form = readCommentForm(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
      if (!form.ok) {
        const message = FIX[lang].intro + form.problems.map((p) => FIX[lang][p]).join('; ') + '.';
        return showReport(
          ctx,
          request,
          reply,
          id,
          { kind: 'error', message, values: form.values },
          422,
        );
      }
      if (!ctx.commentLimiter.take(request.ip)) {
        const notice = { kind: 'error' as const, message: FIX[lang].rate, values: {} };
        return showReport(ctx, request, reply, id, notice, 429);
      }
      await insertComment(ctx.store, {
        id: randomUUID(),
        documentId: id,
        authorName: form.name,
        institution: form.institution,
        body: form.body,
        clientIp: request.ip,
      });
      return reply.redirect(`/hta/reports/${id}?lang=${lang}&comment=pending#comment-status`, 303);
    },
  );
}
