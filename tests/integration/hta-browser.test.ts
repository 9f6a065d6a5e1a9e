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
    await seedDemoReports(hta.store, hta.log);
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

  it('searches, opens a report and submits a comment that is held for moderation', async () => {
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
      'SELECT status, body FROM hta_comment',
    );
    expect(rows).toEqual([
      { status: 'pending', body: '<script>alert(1)</script> Sugiero citar el estudio X.' },
    ]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 60_000);
});
