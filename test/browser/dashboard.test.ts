/**
 * The local page draws the charts of «Дашборд» as SVG after «CRM» →
 * «Обновить дашборд» runs dist/Code.js on a small workbook, and «CRM» →
 * «Дашборд за период…» asks for a period and redraws the analysis for it.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { dashboardWorkbook } from '../print/dashboard-workbook';
import { launchChromium, openPage, settled, startLocalPage, type LocalPage } from './local-page-harness';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');

describe('the dashboard on the local page', () => {
  let browser: Browser;
  let local: LocalPage;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    local = await startLocalPage(dashboardWorkbook(), path.join(ROOT, 'dist', 'Code.js'), path.join(ROOT, 'dist'));
    page = await openPage(browser, local.server.url);
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await local?.stop();
  });

  it('shows the refreshed dashboard with its charts drawn as SVG from the blocks', async () => {
    await page.locator('#menubar .menu-title.addon', { hasText: 'CRM' }).click();
    await page.locator('.menu-item', { hasText: 'Обновить дашборд' }).click();
    await settled(page);
    await page.locator('#tabs .tab', { hasText: 'Дашборд' }).click();
    await settled(page);
    const charts = page.locator('#chart-layer .chart-box svg.chart');
    await charts.first().waitFor();
    await expect(
      page.locator('#chart-layer .chart-box').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-title'))),
    ).resolves.toEqual([
      'Воронка продаж: сделок на этапе',
      'Конверсия: выиграно ÷ закрыто',
      expect.stringMatching(/^Выполнение плана за \d{2}\.\d{4}$/),
      'Продажи и маржа по месяцам',
      // the month just closed: no sales or losses in this workbook, so only the stage chart
      expect.stringMatching(/^Конверсия из этапа в следующий \(\d{2}\.\d{4}\)$/),
    ]);
    // the funnel has a bar per stage, the monthly chart a line per series (sales, margin)
    await expect(charts.nth(0).locator('rect.bar').count()).resolves.toBe(10);
    await expect(charts.nth(0).getAttribute('data-type')).resolves.toBe('bar');
    await expect(charts.nth(3).locator('polyline.series').count()).resolves.toBe(2);
    await expect(charts.nth(3).locator('text', { hasText: 'Маржа, руб.' }).count()).resolves.toBe(1);
    const box = await charts.nth(0).boundingBox();
    expect(box && box.width > 100 && box.height > 100).toBe(true);
  });

  it('asks for a period and draws the analysis of it, with a pie of the loss reasons', async () => {
    await page.locator('#menubar .menu-title.addon', { hasText: 'CRM' }).click();
    await page.locator('.menu-item', { hasText: 'Дашборд за период…' }).click();
    const prompt = page.locator('.modal[data-kind="prompt"]');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain('пусто — ');
    await prompt.locator('input').fill('03.2026');
    await prompt.locator('button', { hasText: 'ОК' }).click();
    await settled(page);
    await page.locator('#tabs .tab', { hasText: 'Дашборд' }).click();
    await settled(page);
    const pie = page.locator('#chart-layer .chart-box[data-title="Причины отказа (03.2026)"] svg.chart');
    await pie.waitFor();
    await expect(pie.getAttribute('data-type')).resolves.toBe('pie');
    await expect(
      page.locator('#chart-layer .chart-box[data-title="Продажи по источникам, руб. (03.2026)"] svg.chart').count(),
    ).resolves.toBe(1);
  });
});
