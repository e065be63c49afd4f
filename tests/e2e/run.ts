/**
 * `npm run test:e2e`: the admin in a real browser (Debian's Chromium through
 * playwright-core, never a downloaded browser), against the built app on a temporary
 * SQLite database with the demo, the scheduler running and the demo platforms faked on
 * loopback. Each step saves a screenshot under .tmp/e2e/ for a person to look at.
 *
 * E2E_SKIP_BUILD=1 reuses an existing admin build; CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Page } from 'playwright-core';
import { buildAdmin, startApp, type RunningApp } from './app';
import { startReceiver, type Receiver } from './receiver';

const root = path.resolve(__dirname, '../..');
const shots = path.join(root, '.tmp', 'e2e');
const PORT = Number(process.env.E2E_PORT ?? 1341);
const ADMIN = { firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' };
const SCHEDULE = 'Afternoon stretch break';

let shot = 0;
async function screenshot(page: Page, name: string) {
  shot += 1;
  await page.screenshot({ path: path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: false });
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Strapi's guided tour covers pages for a new admin: skip it where it shows. */
async function dismissTour(page: Page) {
  const skip = page.getByRole('button', { name: /^(Skip|跳过)$/ });
  if (
    await skip
      .first()
      .isVisible()
      .catch(() => false)
  )
    await skip.first().click();
}

async function chooseOption(page: Page, container: string, option: RegExp) {
  await page.locator(`${container} [role="combobox"]`).click();
  await page.getByRole('option', { name: option }).click();
}

const steps: { name: string; run: (page: Page) => Promise<void> }[] = [];
const step = (name: string, run: (page: Page) => Promise<void>) => steps.push({ name, run });

let app: RunningApp;
let receiver: Receiver;

step('first admin registration lands on the homepage with our widgets', async (page) => {
  await page.goto(`${app.url}/admin/auth/register-admin`);
  await page.locator('input[name="firstname"]').waitFor({ timeout: 60_000 });
  await page.fill('input[name="firstname"]', ADMIN.firstname);
  await page.fill('input[name="lastname"]', ADMIN.lastname);
  await page.fill('input[name="email"]', ADMIN.email);
  await page.fill('input[name="password"]', ADMIN.password);
  await page.fill('input[name="confirmPassword"]', ADMIN.password);
  await page.click('button[type="submit"]');
  await page.getByText(`Hello ${ADMIN.firstname}`).waitFor({ timeout: 60_000 });
  await page.getByText('Next posts').first().scrollIntoViewIfNeeded();
  await page.locator('[data-testid="widget-next-posts"]').waitFor({ timeout: 30_000 });
  check(await page.getByText('Needs attention').first().isVisible(), 'the "Needs attention" widget is missing');
  await screenshot(page, 'homepage-widgets');
});

step('a schedule edited with a preset shows the new description and times before saving', async (page) => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/plugin::scheduler.schedule`);
  await page.getByRole('row', { name: new RegExp(SCHEDULE) }).waitFor({ timeout: 30_000 });
  await dismissTour(page);
  await page.getByRole('row', { name: new RegExp(SCHEDULE) }).click();
  await page.locator('[data-testid="schedule-description-en"]').waitFor({ timeout: 30_000 });
  const before = await page.locator('[data-testid="schedule-description-en"]').textContent();
  check(before?.includes('15:00'), `expected the seeded rule to read "… at 15:00", got "${before}"`);

  await chooseOption(page, '[data-testid="schedule-preset"]', /Weekdays/);
  await page.fill('[data-testid="schedule-preset-time"] input', '07:45');
  await page.click('[data-testid="schedule-preset-apply"]');
  const rule = page.locator('textarea[name="rule"], input[name="rule"]').first();
  await until(
    'the preset to write the rule',
    async () => (await rule.inputValue()) === 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=45'
  );
  await until('the description to follow', async () =>
    (await page.locator('[data-testid="schedule-description-en"]').textContent())?.includes('07:45')
  );
  const zh = await page.locator('[data-testid="schedule-description-zh"]').textContent();
  check(zh?.includes('07:45'), `the Chinese description should mention 07:45, got "${zh}"`);
  const times = await page.locator('[data-testid="schedule-occurrence"]').allTextContents();
  check(
    times.length >= 10 && times.every((t) => t.includes('07:45')),
    `expected ≥ 10 next posts at 07:45, got ${JSON.stringify(times.slice(0, 3))}`
  );
  // No weekend day among them.
  check(!times.some((t) => /^(Sat|Sun)/.test(t)), `weekdays only, got ${JSON.stringify(times)}`);
  await screenshot(page, 'schedule-preset-preview');

  await rule.fill('FREQ=DAILY;BYHOUR=25');
  await page.locator('[data-testid="schedule-preview-error"]').waitFor({ timeout: 15_000 });
  const error = await page.locator('[data-testid="schedule-preview-error"]').textContent();
  check(error?.includes('BYHOUR'), `the preview should name BYHOUR, got "${error}"`);
  await screenshot(page, 'schedule-invalid-rule');

  await rule.fill('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=45');
  await until('the error to clear', async () => (await page.locator('[data-testid="schedule-preview-error"]').count()) === 0);
  await page.getByRole('button', { name: /^Save$/ }).click();
  await page.getByText(/Saved/i).first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'schedule-saved');
});

step("the calendar shows the edited schedule's next post; opening it shows group, local and UTC time and the rendition", async (page) => {
  await page.goto(`${app.url}/admin/plugins/scheduler`);
  await page.locator('[data-testid="calendar"]').waitFor({ timeout: 30_000 });
  await page.click('[data-testid="calendar-view-week"]');
  // The planner runs every 2 s and re-plans the edited schedule; upcoming posts show anyway.
  const post = page.locator(`[data-testid="calendar-post"][data-title="${SCHEDULE}"]`).filter({ hasText: '07:45' }).first();
  await until(
    'a 07:45 post of the edited schedule',
    async () => {
      if (await post.isVisible().catch(() => false)) return true;
      await page.click('[data-testid="calendar-refresh"]');
      return false;
    },
    30_000,
    2000
  );
  await screenshot(page, 'calendar-week');
  await post.click();
  const detail = page.locator('[data-testid="post-detail"]');
  await detail.waitFor();
  const local = await detail.locator('[data-testid="post-local"]').textContent();
  const utc = await detail.locator('[data-testid="post-utc"]').textContent();
  check(local?.includes('07:45'), `local time should be 07:45, got "${local}"`);
  check(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(utc ?? ''), `UTC time expected, got "${utc}"`);
  check(/Habit Camp (Berlin|New York)/.test((await detail.textContent()) ?? ''), 'the detail should name the group');
  if ((await detail.locator('[data-testid="post-status"]').textContent()) === 'Planned') {
    const rendition = await detail.locator('[data-testid="post-rendition"]').first().textContent();
    check(rendition?.includes('Stretch break'), `the rendition should hold the post, got "${rendition}"`);
  }
  await screenshot(page, 'calendar-post-detail');
  await page.keyboard.press('Escape');
});

step('a post forced to fail against the local receiver is retried from the calendar and arrives', async (page) => {
  await page.goto(`${app.url}/admin/plugins/scheduler`);
  await page.locator('[data-testid="calendar"]').waitFor();
  await chooseOption(page, '[data-testid="calendar-filter-status"]', /^Planned$/);
  const planned = page.locator('[data-testid="calendar-post"][data-status="planned"]').first();
  await planned.waitFor({ timeout: 30_000 });
  receiver.mode = 'fail';
  await planned.click();
  const detail = page.locator('[data-testid="post-detail"]');
  await detail.waitFor();
  const status = detail.locator('[data-testid="post-status"]');
  await detail.locator('[data-testid="post-send-now"]').click();
  await until('the post to fail', async () => {
    await detail.locator('[data-testid="post-refresh"]').click();
    return (await status.textContent()) === 'Failed';
  });
  const error = await detail.locator('[data-testid="post-error"]').textContent();
  check(error?.includes('500'), `the last error should show the receiver's 500, got "${error}"`);
  await screenshot(page, 'post-failed');

  receiver.mode = 'ok';
  const okBefore = receiver.received.filter((r) => r.status === 200).length;
  await detail.locator('[data-testid="post-retry"]').click();
  await until('the retried post to be sent', async () => {
    await detail.locator('[data-testid="post-refresh"]').click();
    return (await status.textContent()) === 'Sent';
  });
  check(receiver.received.filter((r) => r.status === 200).length > okBefore, 'the receiver got nothing after the retry');
  await screenshot(page, 'post-retried-sent');
  await page.keyboard.press('Escape');
});

step("a report's edit view shows its renditions per platform; a group's shows today and tomorrow", async (page) => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/api::daily-report.daily-report`);
  await dismissTour(page);
  await page.getByRole('row').nth(1).click();
  const renditions = page.locator('[data-testid="content-rendition"]');
  await renditions.first().waitFor({ timeout: 30_000 });
  const platforms = await renditions.evaluateAll((els) => els.map((e) => e.getAttribute('data-platform')));
  check(
    platforms.join(',') === 'text,wecom,telegram,slack,manual',
    `expected the platform renditions text, wecom, telegram, slack, manual; got ${platforms.join(',')}`
  );
  check(((await renditions.nth(2).textContent()) ?? '').includes('<b>'), 'the Telegram rendition should be HTML');
  await screenshot(page, 'report-renditions');

  await page.goto(`${app.url}/admin/content-manager/collection-types/api::group.group`);
  await dismissTour(page);
  await page.getByRole('row', { name: /Habit Camp Berlin/ }).click();
  const timeline = page.locator('[data-testid="group-timeline"]');
  await timeline.waitFor({ timeout: 30_000 });
  const text = (await timeline.textContent()) ?? '';
  check(
    text.includes('Europe/Berlin') && /Today|今天/.test(text) && /Tomorrow|明天/.test(text),
    `the timeline should show today and tomorrow in Europe/Berlin, got "${text.slice(0, 200)}"`
  );
  check((await page.locator('[data-testid="group-timeline-post"]').count()) > 0, 'the group timeline has no posts');
  await screenshot(page, 'group-timeline');
});

step('the admin switches to Chinese and the calendar speaks it', async (page) => {
  await page.goto(`${app.url}/admin/me`);
  await dismissTour(page);
  const language = page.getByRole('combobox', { name: /Interface language/ });
  await language.waitFor({ timeout: 30_000 });
  await language.click();
  await page.getByRole('option', { name: /中文/ }).first().click();
  await page.getByRole('button', { name: /^Save$/ }).click();
  await page.waitForTimeout(1000);
  await page.goto(`${app.url}/admin/plugins/scheduler`);
  await page.getByRole('heading', { name: '发布日历' }).waitFor({ timeout: 30_000 });
  check(await page.getByText('所有群的已计划和已发送消息').isVisible(), 'the subtitle should be in Chinese');
  await screenshot(page, 'calendar-zh');
});

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  for (const f of fs.readdirSync(shots)) if (f.endsWith('.png')) fs.rmSync(path.join(shots, f));
  const started = Date.now();
  if (process.env.E2E_SKIP_BUILD !== '1') {
    process.stdout.write('building the admin…\n');
    buildAdmin();
  }
  receiver = await startReceiver();
  app = await startApp(PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  page.setDefaultTimeout(15_000);
  let failed = 0;
  let passed = 0;
  try {
    for (const s of steps) {
      const t0 = Date.now();
      try {
        await s.run(page);
        passed += 1;
        process.stdout.write(`✓ ${s.name} (${Date.now() - t0} ms)\n`);
      } catch (err) {
        failed += 1;
        await screenshot(page, 'FAILED').catch(() => undefined);
        process.stdout.write(`✗ ${s.name} (${Date.now() - t0} ms)\n  ${(err as Error).message.split('\n').join('\n  ')}\n`);
        break; // later steps build on earlier ones
      }
    }
  } finally {
    await browser.close();
    if (failed) process.stdout.write(`\napp log (tail):\n${app.log().slice(-3000)}\n`);
    await app.stop();
    await receiver.close();
  }
  process.stdout.write(
    `\ne2e: ${passed} of ${steps.length} steps passed in ${Math.round((Date.now() - started) / 1000)} s; screenshots in .tmp/e2e/\n`
  );
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
