// browser.mjs — the one way the test tools start Chromium: Debian's
// /usr/bin/chromium (or $CHROMIUM), headless, driven by puppeteer-core,
// which never downloads a browser of its own.  --no-sandbox only as root,
// where Chromium refuses to start with its sandbox (as
// tests/e2e/publish-browser.t does).  The profile is a fresh temporary
// folder, removed by close().
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

export async function openBrowser() {
	const profile = mkdtempSync(join(tmpdir(), "studio-chromium-"));
	const args = ["--disable-gpu", "--disable-dev-shm-usage", "--mute-audio",
		"--autoplay-policy=no-user-gesture-required", "--no-first-run"];
	if (process.getuid && process.getuid() === 0)
		args.push("--no-sandbox");
	let browser;
	try {
		browser = await puppeteer.launch({
			executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
			headless: true, userDataDir: profile, args, timeout: 60000,
		});
	} catch (e) {
		rmSync(profile, { recursive: true, force: true });
		throw e;
	}
	return {
		browser,
		async close() {
			await browser.close().catch(() => {});
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

// Opens URL in a new tab WIDTH px wide and waits for its load event; a
// page that does not load (404, missing file) is an error.
export async function openPage(browser, url, width) {
	const page = await browser.newPage();
	await page.setViewport({ width, height: 800 });
	const answer = await page.goto(url, { waitUntil: "load", timeout: 60000 });
	if (answer && !answer.ok() && !url.startsWith("file:"))
		throw new Error(`cannot load ${url}: HTTP ${answer.status()}`);
	return page;
}

// Prints MESSAGE on stderr as "TOOL: MESSAGE" and exits with STATUS.
export function die(tool, message, status) {
	process.stderr.write(`${tool}: ${message}\n`);
	process.exit(status);
}
