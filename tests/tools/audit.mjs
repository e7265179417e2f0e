// audit.mjs — axe-core on a page in headless Chromium, at each width given.
//
//   node audit.mjs URL [WIDTH...]        (file:// or http://; default 1280 375)
//
// Runs the rules tagged WCAG 2.0 and 2.1, levels A and AA (what RGAA 4.1
// maps to), once per viewport width, on the page as loaded (its scripts
// run).  Prints one JSON document on stdout:
//   {"url", "axe": VERSION, "tags": [...], "widths": [{"width",
//    "violations": [{"id", "impact", "help", "targets": [[selector...]...]}],
//    "incomplete": ["rule id", ...], "reflow": {...}}], "violations": TOTAL,
//    "reflow": WIDTHS_THAT_SCROLL}
// "incomplete" lists what axe could not decide (a person looks at those);
// they do not count.  axe does not check reflow (WCAG 1.4.10, RGAA 10.11:
// no horizontal scrolling at 320 CSS px): each width also reports
// "reflow": {"scrollWidth", "clientWidth", "overflowing": [selector...]},
// the elements that stick out on the right, and "reflow" at the top counts
// the widths that scroll sideways.  Exit status: the violations (one per
// rule and width) plus the widths that scroll, at most 100; 101 on a usage
// error, 102 when Chromium or the page cannot be loaded.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { die, openBrowser, openPage } from "./browser.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const CAP = 100;

// In the page: how wide the document is against the viewport, and the
// innermost elements that stick out on the right or whose text overflows
// them (at most 5, as selectors).
function measureReflow() {
	const root = document.documentElement, limit = root.clientWidth + 1;
	const name = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") +
		[...e.classList].map((c) => `.${c}`).join("");
	const path = (e) => {
		const parts = [];
		for (; e && e !== root; e = e.parentElement)
			parts.unshift(name(e));
		return parts.join(" > ");
	};
	const sticksOut = (e) => e.getBoundingClientRect().right > limit ||
		(e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1);
	const out = [...document.body.querySelectorAll("*")].filter((e) =>
		sticksOut(e) && ![...e.children].some(sticksOut));
	return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
		overflowing: out.slice(0, 5).map(path) };
}

async function auditWidth(browser, axeSource, url, width) {
	const page = await openPage(browser, url, width);
	// The source is evaluated, not added as a <script>, so the DOM that
	// axe judges is the page's own.
	await page.evaluate(axeSource);
	const result = await page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
	}), TAGS);
	const reflow = await page.evaluate(measureReflow);
	await page.close();
	return {
		width, reflow,
		violations: result.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.map((n) => n.target),
		})),
		incomplete: result.incomplete.map((v) => v.id),
		version: result.testEngine.version,
	};
}

async function main(argv) {
	const [url, ...rest] = argv;
	const widths = rest.length ? rest.map(Number) : [1280, 375];
	if (!url || !/^(file|https?):/.test(url) || widths.some((w) => !(w >= 200 && w <= 4000)))
		die("audit", "usage: node audit.mjs URL [WIDTH...] (file:// or http:// URL, widths in px)", 101);
	const require = createRequire(import.meta.url);
	const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
	let session;
	const widthsDone = [];
	try {
		session = await openBrowser();
		for (const w of widths)
			widthsDone.push(await auditWidth(session.browser, axeSource, url, w));
	} catch (e) {
		if (session)
			await session.close();
		die("audit", `cannot audit ${url}: ${e.message}`, 102);
	}
	await session.close();
	const total = widthsDone.reduce((n, w) => n + w.violations.length, 0);
	const scrolls = widthsDone.filter((w) => w.reflow.scrollWidth > w.reflow.clientWidth).length;
	const report = {
		url, axe: widthsDone[0].version, tags: TAGS,
		widths: widthsDone.map(({ version, ...w }) => w), violations: total, reflow: scrolls,
	};
	process.stdout.write(JSON.stringify(report, null, 1) + "\n");
	process.exit(Math.min(total + scrolls, CAP));
}

await main(process.argv.slice(2));
