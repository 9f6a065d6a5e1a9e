import type { FastifyInstance } from 'fastify';
import { brokerError } from '../../errors/broker-error.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import { requireContentType } from '../../pipeline/require-content-type.ts';
import { sendLogged } from '../../pipeline/send-logged.ts';
import { runSteps } from '../../pipeline/step.ts';
import { memberWriteSteps } from '../fhir/publish-routes.ts';
import type { HtaContext } from '../hta-context.ts';
import { requireMember } from '../hta-server.ts';
import { decideComment, listComments, type StoredComment } from '../store/comment-store.ts';

/** What a member signs to moderate: the comment id is inside the signed bytes, not only in the URL. */
interface Decision {
  readonly comment: string;
  readonly decision: 'approved' | 'rejected';
}

function readDecision(raw: Buffer, id: string): Decision {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw brokerError('BRK_REQUEST_MALFORMED', 'the decision must be JSON');
  }
  const d = body as Partial<Decision> | null;
  if (d?.comment !== id || (d.decision !== 'approved' && d.decision !== 'rejected')) {
    throw brokerError(
      'BRK_REQUEST_INVALID',
      `expected {"comment": "${id}", "decision": "approved" | "rejected"}`,
    );
  }
  return { comment: id, decision: d.decision };
}

function publicView(c: StoredComment) {
  return {
    id: c.id,
    report: `DocumentReference/${c.documentId}`,
    name: c.authorName,
    institution: c.institution,
    text: c.body,
    status: c.status,
    submitted: c.submittedAt.toISOString(),
    decidedBy: c.decidedBy,
  };
}

/**
 * Moderation, for RENETSA members only: the queue of pending comments (certificate needed; it
 * holds names not yet public), and a decision (certificate + JWS, logged, once per comment).
 */
export function registerModerationRoutes(app: FastifyInstance, ctx: HtaContext): void {
  app.get('/hta/moderation/comments', async (request, reply) => {
    requireMember(request, 'renetsa');
    const pending = await listComments(ctx.store, 'pending');
    return reply.type('application/json').send({ pending: pending.map(publicView) });
  });
  app.post<{ Params: { id: string } }>(
    '/hta/moderation/comments/:id',
    { config: { messageRoute: 'hta.comment.moderate' } },
    async (request, reply) => {
      const x = request.exchange as Exchange;
      x.raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      await runSteps([...memberWriteSteps(ctx), requireContentType('application/json')], x);
      const decision = readDecision(x.raw, request.params.id);
      const member = x.identity.participant?.code ?? 'unknown';
      const decided = await decideComment(ctx.store, decision.comment, decision.decision, member);
      x.verdicts.moderation = { result: decided.status, detail: `comment ${decided.id}` };
      return sendLogged(ctx.responder, x, reply, {
        status: 200,
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(publicView(decided))),
      });
    },
  );
}
