import type { Bundle, DocumentReference } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/hta/comments/rate-limiter.ts';
import { seedDemoReports } from '../../src/hta/demo/seed-reports.ts';
import { startTestHta, type TestHta } from '../helpers/test-hta.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(['postgres', 'pglite'] as const)('HTA web page and comments over %s', (storeKind) => {
  let hta: TestHta;
  let reportId: string;
  beforeAll(async () => {
    // Three comments per address per window, to test the limit without many requests.
    hta = await startTestHta({
      store: storeKind,
      demo: true,
      commentLimiter: createRateLimiter({ max: 3, windowMs: 3_600_000 }),
    });
    expect(await seedDemoReports(hta.store)).toBe(4);
    expect(await seedDemoReports(hta.store)).toBe(0);
    const found = (
      await hta.anonymous('GET', '/hta/fhir/DocumentReference?technology=66984')
    ).json<Bundle>();
    reportId = (found.entry?.[0]?.resource as DocumentReference).id ?? '';
  });
  afterAll(async () => hta.close());

  const comment = (fields: Record<string, string>) =>
    hta.anonymous('POST', `/hta/reports/${reportId}/comments`, {
      headers: FORM,
      body: new URLSearchParams(fields).toString(),
    });

  it('lists current reports in Spanish by default, English on request, under a strict CSP', async () => {
    const es = await hta.anonymous('GET', '/hta/');
    expect(es.status).toBe(200);
    expect(es.text()).toContain('<html lang="es">');
    expect(es.text()).toContain('3 informes'); // the replaced version is not listed
    expect(es.text()).toContain('href="#main"');
    expect(es.headers['content-security-policy']).toContain("default-src 'none'");
    expect(es.body.length).toBeLessThan(12_000);
    const en = await hta.anonymous('GET', '/hta/', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.text()).toContain('<html lang="en">');
    expect(en.text()).toContain('3 reports');
    const all = await hta.anonymous('GET', '/hta/?lang=en&all=1&q=artritis');
    expect(all.text()).toContain('2 reports');
    const none = await hta.anonymous('GET', '/hta/?q=%3Cscript%3E');
    expect(none.text()).toContain('value="&lt;script&gt;"');
    expect(none.text()).not.toContain('<script>');
  });

  it('shows a report with its facts, versions and PDF', async () => {
    const page = await hta.anonymous('GET', `/hta/reports/${reportId}`);
    expect(page.status).toBe(200);
    expect(page.text()).toContain('66984');
    expect(page.text()).toContain('En contra / no aprobado');
    const pdf = await hta.anonymous('GET', `/hta/reports/${reportId}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const missing = await hta.anonymous('GET', '/hta/reports/nope');
    expect(missing.status).toBe(404);
    expect(missing.text()).toContain('<h1>No encontrado</h1>');
  });

  it('holds a comment for moderation, then shows it as text once a member approves it', async () => {
    const payload = '<script>alert("x")</script> & <b>negrita</b>';
    const sent = await comment({
      name: 'Ana <i>Pérez</i>',
      institution: 'Hospital X',
      comment: payload,
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(
      `/hta/reports/${reportId}?lang=es&comment=pending#comment-status`,
    );
    const after = await hta.anonymous('GET', `/hta/reports/${reportId}?comment=pending`);
    expect(after.text()).toContain('quedó pendiente de moderación');
    expect(after.text()).not.toContain('negrita');
    expect((await hta.anonymous('GET', '/hta/moderation/comments')).status).toBe(403);
    const member = hta.client('renetsa-test');
    const queue = JSON.parse(
      (await member.get('/hta/moderation/comments')).body.toString('utf8'),
    ) as { pending: { id: string; text: string }[] };
    const pending = queue.pending.find((c) => c.text === payload);
    const id = pending?.id ?? '';
    const decide = (decision: string, sign = true) =>
      member.post(
        `/hta/moderation/comments/${id}`,
        'application/json',
        JSON.stringify({ comment: id, decision }),
        sign ? {} : { sign: false },
      );
    expect((await decide('approved', false)).status).toBe(401);
    const outsider = await hta
      .client('00009845')
      .post(
        `/hta/moderation/comments/${id}`,
        'application/json',
        JSON.stringify({ comment: id, decision: 'approved' }),
      );
    expect(outsider.status).toBe(403);
    expect((await decide('approved')).status).toBe(200);
    expect((await decide('rejected')).status).toBe(409);
    const shown = (await hta.anonymous('GET', `/hta/reports/${reportId}`)).text();
    expect(shown).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;negrita&lt;/b&gt;',
    );
    expect(shown).toContain('Ana &lt;i&gt;Pérez&lt;/i&gt; — Hospital X');
    expect(shown).not.toContain('<script>');
    const moderation = (await hta.log.tail(10)).filter((e) => e.route === 'hta.comment.moderate');
    expect(
      moderation.some(
        (e) =>
          e.kind === 'response-out' && e.httpStatus === 200 && e.verdicts?.moderation !== undefined,
      ),
    ).toBe(true);
  });

  it('sends a bad comment back with what to fix, and limits comments per address', async () => {
    const bad = await comment({ name: '', comment: 'x'.repeat(4001) });
    expect(bad.status).toBe(422);
    expect(bad.text()).toContain('role="alert"');
    expect(bad.text()).toContain('el nombre');
    expect(bad.text()).toContain('el comentario');
    // One comment was accepted above; the limit (3) allows two more from this address.
    expect((await comment({ name: 'B', comment: 'uno' })).status).toBe(303);
    expect((await comment({ name: 'C', comment: 'dos' })).status).toBe(303);
    const limited = await comment({ name: 'D', comment: 'tres' });
    expect(limited.status).toBe(429);
    expect(limited.text()).toContain('Demasiados comentarios');
    const huge = await comment({ name: 'E', comment: 'é'.repeat(9000) });
    expect(huge.status).toBe(413);
    expect(huge.text()).toContain('<html lang="es">');
    const [row] = await hta.store.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM hta_comment',
    );
    expect(row?.n).toBe(3);
  });
});
