import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { seedDemoReports } from '../../src/hta/demo/seed-reports.ts';
import { spkiPin } from '../../src/pki/spki-pin.ts';
import { startTestHta, type TestHta } from '../helpers/test-hta.ts';

/** The screenshot the README shows, rewritten by every run of this test. */
const SCREENSHOT = path.join(PROJECT_ROOT, 'docs/hta-page.png');

/**
 * A real browser (Debian's Chromium, headless, driven by playwright-core; no browser is
 * downloaded) uses the public page with the keyboard and plain form posts. Chromium trusts
 * exactly the test server's key (`--ignore-certificate-errors-spki-list` with its pin): no
 * certificate check is switched off, and no client certificate is presented.
 */
describe('the HTA page in Chromium', () => {
  let hta: TestHta;
  let browser: Browser;
  beforeAll(async () => {
    hta = await startTestHta({ store: 'pglite', demo: true });
    await seedDemoReports(hta.store);
    const serverPin = spkiPin(readFileSync(path.join(hta.pkiDir, 'broker.crt')));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [`--ignore-certificate-errors-spki-list=${serverPin}`],
    });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await hta.close();
  });

  /** A comment already published on the report (sent anonymously, approved by a member). */
  async function publishedComment(reportId: string): Promise<void> {
    await hta.anonymous('POST', `/hta/reports/${reportId}/comments`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Dra. Rosa Ejemplo',
        institution: 'Hospital Demo (ficticio)',
        comment: 'En nuestra serie (ficticia) la espera quirúrgica fue <b>menor</b> a 30 días.',
      }).toString(),
    });
    const [row] = await hta.store.query<{ id: string }>('SELECT id FROM hta_comment');
    const id = row?.id ?? '';
    const decision = JSON.stringify({ comment: id, decision: 'approved' });
    const res = await hta
      .client('renetsa-test')
      .post(`/hta/moderation/comments/${id}`, 'application/json', decision);
    expect(res.status).toBe(200);
  }

  it('searches, opens a report and submits a comment that is held for moderation', async () => {
    const [report] = await hta.store.query<{ id: string }>(
      "SELECT id FROM hta_document WHERE technology_code = '66984'",
    );
    await publishedComment(report?.id ?? '');
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'es-PE' });
    await page.goto(`${hta.url}/hta/`);
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Saltar al contenido');
    await page.getByLabel('Palabras (tecnología, indicación, título)').fill('cataratas');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#results-title').textContent()).toBe('1 informe');
    await page.getByRole('link', { name: /procedimiento de ejemplo para cataratas/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('cataratas');
    const download = page.getByRole('link', { name: 'Descargar el informe (PDF)' });
    expect(await download.getAttribute('href')).toMatch(/\/report\.pdf$/);

    await page.getByLabel('Nombre').fill('Lucía Demo');
    await page.getByLabel('Institución (opcional)').fill('Colegio Médico (ficticio)');
    await page
      .getByLabel('Comentario')
      .fill('<script>alert(1)</script> Sugiero citar el estudio X.');
    await page.getByRole('button', { name: 'Enviar comentario' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('pendiente de moderación');
    expect(page.url()).toContain('comment=pending');
    const rows = await hta.store.query<{ status: string; body: string }>(
      "SELECT status, body FROM hta_comment WHERE author_name = 'Lucía Demo'",
    );
    expect(rows).toEqual([
      { status: 'pending', body: '<script>alert(1)</script> Sugiero citar el estudio X.' },
    ]);
    const published = page.locator('article.comment');
    expect(await published.count()).toBe(1);
    expect(await published.textContent()).toContain('<b>menor</b>');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);
});
