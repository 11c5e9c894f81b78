// The dashboard and the app shell: search, status filter, live
// refresh controls, the theme toggle and the phone layout.
import { expect, test, type APIRequestContext } from "@playwright/test";

function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

async function createClient(request: APIRequestContext, clientId: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: name,
      systems: [
        { name: "API", health_url: `https://${clientId}.example.com/health` },
        { name: "Worker", health_url: `https://${clientId}.example.com/worker/health` },
      ],
      ...extra,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/**
 * Systems that are really down: the app's own demo fleet (an origin the e2e server may reach)
 * answers 404 for a system it does not have, and a 4xx is down. (A host that does not resolve
 * is no outage: it is unknown and misconfigured.)
 */
function downSystems(baseURL: string | undefined, clientId: string) {
  return [
    { name: "API", health_url: `${baseURL}/api/demo/fleet/${clientId}/no-such-api/health` },
    { name: "Worker", health_url: `${baseURL}/api/demo/fleet/${clientId}/no-such-worker/health` },
  ];
}

test("search filters the clients table and says when nothing matches", async ({ page, request }) => {
  const tag = uniqueId("tag");
  const alpha = uniqueId("e2e-alpha");
  const beta = uniqueId("e2e-beta");
  await createClient(request, alpha, "Alpha Dental Clinics", { industry: "Healthcare", tags: [tag] });
  await createClient(request, beta, "Beta Property Group", { industry: "Real estate", tags: [tag] });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search clients" });
  const rows = page.getByTestId("client-row");

  await search.fill(tag);
  await expect(rows).toHaveCount(2);
  await search.fill(`${tag} healthcare`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Alpha Dental Clinics");
  await expect(rows.first()).toContainText(alpha);
  await expect(rows.first()).toContainText("2 systems");
  // Until its first health check; afterwards the time of the last one.
  await expect(rows.first()).toContainText(/Awaiting first check|just now|ago/);

  await search.fill(`${tag} nothing-matches-this`);
  await expect(rows).toHaveCount(0);
  await expect(page.getByText(/No clients match/)).toBeVisible();
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await expect(rows.filter({ hasText: beta })).toBeVisible();

  // The whole row opens the client.
  await search.fill(beta);
  await rows.first().getByText("Beta Property Group").click();
  await expect(page).toHaveURL(new RegExp(`/clients/${beta}$`));
});

test("status cards count clients and filter the table", async ({ page, request, baseURL }) => {
  const id = uniqueId("e2e-cards");
  await createClient(request, id, "Cards Test Ltd", { systems: downSystems(baseURL, id) });
  // Its endpoints answer 404: the scheduler's first check (within 10 s) makes it down, for good.
  const statusNow = async () =>
    ((await (await request.get(`/api/client/${id}/details`)).json()) as { health: { overall_status: string } }).health.overall_status;
  await expect.poll(statusNow, { timeout: 30_000 }).toBe("down");
  await page.goto("/");

  // The scheduler keeps checking while this runs: compare a fresh page with a fresh summary.
  let summary: { overall_summary: Record<string, number>; clients: { client_id: string; overall_status: string }[] } | undefined;
  await expect(async () => {
    await page.reload();
    summary = await (await request.get("/api/dashboard/summary?include_inactive=false")).json();
    for (const status of ["healthy", "degraded", "down", "unknown"] as const) {
      await expect(page.getByTestId(`status-card-${status}`)).toContainText(String(summary!.overall_summary[`${status}_clients`]), { timeout: 2000 });
    }
  }).toPass({ timeout: 30_000 });
  const statusOf = summary!.clients.find((c) => c.client_id === id)!.overall_status;
  const card = page.getByTestId(`status-card-${statusOf}`);
  await card.click();
  await expect(card).toHaveAttribute("aria-pressed", "true");
  const rows = page.getByTestId("client-row");
  await expect(rows.filter({ hasText: id })).toBeVisible();
  await expect(page.getByRole("button", { name: /Clear status filter/ })).toBeVisible();
  await card.click();
  await expect(card).toHaveAttribute("aria-pressed", "false");
});

test("the scheduler checks new systems by itself, and the table sorts worst first with uptime and p95", async ({ page, request, baseURL }) => {
  const id = uniqueId("e2e-sched");
  // The app's own demo fleet: a healthy answer with a real response time.
  const fleet = `${baseURL}/api/demo/fleet/tnt-limousine-001/lead-processing/health`;
  const created = await request.post("/api/clients", { data: { client_id: id, client_name: "Scheduled Co", systems: [{ name: "Leads", health_url: fleet }] } });
  expect(created.status()).toBe(201);
  const row = async () =>
    ((await (await request.get("/api/dashboard/summary")).json()) as { clients: { client_id: string; overall_status: string; uptime_24h: { pct: number; covered_from: string; coverage: number } | null; p95_response_ms: number | null; p95_approximate: boolean }[] }).clients.find(
      (c) => c.client_id === id,
    );
  // Nobody presses "check now": the first scheduled check comes within 10 s.
  await expect.poll(async () => (await row())?.overall_status, { timeout: 30_000 }).toBe("healthy");
  const checked = (await row())!;
  // Seconds of checks: the 24 h figure carries its span (a sliver of the window), never a full-window claim.
  expect(checked.uptime_24h).toMatchObject({ pct: 100 });
  expect(checked.uptime_24h!.coverage).toBeLessThan(0.01);
  expect(checked.p95_response_ms).toBeGreaterThan(0);
  expect(checked.p95_approximate).toBe(true);

  const down = uniqueId("e2e-sort-down");
  await createClient(request, down, "Aaa Broken Corp", { systems: downSystems(baseURL, down) });
  await page.goto("/");
  const statusHeader = page.getByRole("columnheader", { name: "Status" });
  await statusHeader.getByRole("button").click();
  await expect(statusHeader).toHaveAttribute("aria-sort", "descending");
  // Worst first: once its first check fails, the broken client leads the table.
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByTestId("client-row").first()).toContainText("Down", { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const scheduledRow = page.getByTestId("client-row").filter({ hasText: id });
  await expect(scheduledRow).toContainText("100%");
  await expect(scheduledRow).toContainText(/\d+ ms/);

  // The fleet trend below the table draws once anything has been checked.
  await expect(page.getByTestId("fleet-trends-canvas")).toBeVisible();
  await expect(page.getByTestId("fleet-trends-summary")).toContainText(/Uptime 30d\s*\d/);

  const uptimeHeader = page.getByRole("columnheader", { name: "Uptime 24h" });
  await uptimeHeader.getByRole("button").click();
  await expect(uptimeHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(statusHeader).toHaveAttribute("aria-sort", "none");
});

test("auto-refresh can be paused and resumed", async ({ page }) => {
  await page.goto("/");
  const status = page.getByTestId("refresh-status");
  await expect(status).toContainText("Live");
  await expect(status).toContainText(/Updated (just now|\d+ s ago)/);
  await page.getByRole("button", { name: "Pause auto-refresh" }).click();
  await expect(status).toContainText("Paused");
  await page.getByRole("button", { name: "Resume auto-refresh" }).click();
  await expect(status).toContainText("Live");

  const refreshed = page.waitForResponse((r) => r.url().includes("/api/dashboard/summary") && r.status() === 200);
  await page.getByRole("button", { name: "Refresh now" }).click();
  await refreshed;
});

test("the theme toggle switches the dark class and persists across reloads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Switch to dark theme" }).first().click();
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem("clientpulse-theme"))).toBe("dark");

  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: "Switch to light theme" }).first().click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).not.toHaveClass(/\bdark\b/);
});

test("without a stored choice the theme follows the operating system", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/settings");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByRole("radio", { name: "Light" }).check({ force: true });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.getByRole("radio", { name: "System" }).check({ force: true });
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
});

test("on a phone the sidebar becomes a top bar with a menu button", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Open menu" });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Clients" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  // Focus follows the navigation to the new page's heading.
  await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeFocused();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  // Nothing overflows the phone's width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("keyboard users can skip to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("focus moves to the page heading after client-side navigation", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeFocused();
  await nav.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});
