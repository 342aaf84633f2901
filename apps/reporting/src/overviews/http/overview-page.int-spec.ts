import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queues } from '@rod/contracts';
import type { Browser } from 'playwright-core';
import {
  BrokerProbe,
  TestIssuer,
  eventually,
  openChromium,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import { ReportingConfig } from '../../config/reporting.config';
import { reportingService } from '../../reporting.service';
import type { InstitutionOverview } from '../domain/overview';
import { OverviewBuilder } from '../domain/overview-builder';
import { periodNamed } from '../domain/periods';
import {
  FIXTURE_PERIOD,
  overviewFixtureEvents,
  overviewFixtureInputs,
} from '../domain/testing/overview-fixture';
import { formatCount, formatRate } from '../render/format';

/** Where the fixture's events also land, with no service of theirs running in this test. */
const QUEUES_OF_SERVICES_NOT_STARTED = [
  Queues.propagationResultEvents,
  Queues.registerExtractStatus,
  Queues.helpdeskFraudReports,
];

/** Screenshots of the page are kept here as test artifacts (git-ignored). */
const ARTIFACTS = resolve(__dirname, '../../../../../tmp/test-artifacts');

describe('the overview page in headless Chromium (real service, broker and database)', () => {
  let app: INestApplication;
  let url: string;
  let issuer: TestIssuer;
  let browser: Browser;
  let overview: InstitutionOverview;
  const code = '21PA';
  const pagePath = `/overviews/${FIXTURE_PERIOD}/institutions/${code}`;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app, url } = await startInProcess(reportingService, ReportingConfig, {
      ...issuer.env(),
      REPORTING_BUILD_SCHEDULE: false,
    }));
    const probe = await BrokerProbe.connect(testAmqpUrl());
    const fixture = overviewFixtureEvents();
    for (const event of [...fixture.results.flatMap((r) => r.events), ...fixture.flags]) {
      await probe.publishEvent(event);
    }
    await probe.purgeAll(QUEUES_OF_SERVICES_NOT_STARTED);
    await probe.close();
    const ops = await issuer.token({ roles: ['ops'] });
    const headers = { authorization: `Bearer ${ops}` };
    const { results, flags } = overviewFixtureInputs(fixture);
    const builder = new OverviewBuilder(periodNamed(FIXTURE_PERIOD)!);
    for (const [resultId, facts] of results) builder.addResult(resultId, facts);
    for (const flag of flags) builder.addFlag(flag);
    const expected = builder
      .build({ generatedAt: '', preview: false })
      .institutions.find((i) => i.institutionCode === code)!;
    overview = await eventually(
      async () => {
        await fetch(`${url}/v1/overviews/${FIXTURE_PERIOD}/build`, { method: 'POST', headers });
        const answer = await fetch(`${url}/v1/overviews/${FIXTURE_PERIOD}/institutions/${code}`, {
          headers,
        });
        const body = (await answer.json()) as InstitutionOverview;
        return answer.ok &&
          body.deleted === expected.deleted &&
          body.registered === expected.registered
          ? body
          : undefined;
      },
      { what: 'the fixture in the overview', timeoutMs: 60_000, intervalMs: 500 },
    );
    browser = await openChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await issuer?.dispose();
  });

  it.each([
    { device: 'phone', viewport: { width: 390, height: 844 } },
    { device: 'desktop', viewport: { width: 1280, height: 900 } },
  ])(
    'shows the figures and both charts on a $device, with nothing from elsewhere',
    async ({ device, viewport }) => {
      const token = await issuer.token({ roles: ['institution'], institutionCode: code });
      const context = await browser.newContext({
        viewport,
        extraHTTPHeaders: { authorization: `Bearer ${token}` },
      });
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));

      const response = await page.goto(`${url}${pagePath}`);
      expect(response?.status()).toBe(200);
      const value = (name: string) => page.locator(`[data-figure="${name}"] .value`).innerText();
      expect(await value('registered')).toContain(formatCount(overview.registered));
      expect(await value('deleted')).toContain(formatCount(overview.deleted));
      expect(await value('deletion-rate')).toContain(formatRate(overview.deletionRate));
      expect(await value('national-deletion-rate')).toContain(
        formatRate(overview.nationalDeletionRate),
      );

      for (const chart of ['by-reason', 'rate-history']) {
        const svg = page.locator(`svg[data-chart="${chart}"]`);
        await expect(svg.isVisible()).resolves.toBe(true);
        const box = await svg.boundingBox();
        expect(box!.width).toBeGreaterThan(viewport.width * 0.6 > 300 ? 300 : viewport.width * 0.6);
        expect(box!.height).toBeGreaterThan(100);
      }
      const reasonChart = await page.locator('svg[data-chart="by-reason"]').textContent();
      for (const count of Object.values(overview.byReason))
        expect(reasonChart).toContain(String(count));
      expect(await page.locator('table[data-table="deleted-results"] tbody tr').count()).toBe(
        overview.deletedResults.length,
      );

      // Readable on a phone: the page itself never scrolls sideways.
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(viewport.width);
      // Nothing was loaded but the page.
      expect(requested).toEqual([`${url}${pagePath}`]);

      await page.screenshot({
        path: join(ARTIFACTS, `overview-page-${code}-${FIXTURE_PERIOD}-${device}.png`),
        fullPage: true,
      });
      await context.close();
    },
  );

  it("refuses another institution's page", async () => {
    const token = await issuer.token({ roles: ['institution'], institutionCode: '23AH' });
    const context = await browser.newContext({
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    const page = await context.newPage();
    const response = await page.goto(`${url}${pagePath}`);
    expect(response?.status()).toBe(403);
    expect(await page.content()).not.toContain(`${code}-`);
    await context.close();
  });
});
