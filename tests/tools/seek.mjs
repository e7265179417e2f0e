// seek.mjs — clicks a page's time links in headless Chromium and reports
// where the player went.
//
//   node seek.mjs URL [COUNT [TOLERANCE]] [--chapters]
//
// The links are the first COUNT (default 2) `a.seek` of the page's first
// `section.transcript` (with --chapters: of `nav.chapters`), each
// `<a class="seek" href="MEDIA#t=SECONDS" data-t="SECONDS">`, MEDIA the
// page's main rendition (what the page generator promises).  The player is
// the <video> or <audio> playing MEDIA (else the page's first video, else
// its first audio).  A link inside a closed <details> is opened first, as a
// reader would.  After each click, what is read is the player's
// currentTime when its next "seeked" event fires (so that playback after
// the seek does not count), waited for at most 10 s; a click that leaves
// the page instead (the link followed, no script handling it) is reported
// as such.
//
// Prints one JSON document on stdout:
//   {"url", "media", "duration", "tolerance", "clicks": [{"href", "t",
//    "currentTime", "seeked", "navigated", "within"}]}
// Exit status: the number of clicks that did not bring the player within
// TOLERANCE (default 0.5) seconds of the link's data-t without leaving the
// page; 3 when the page has no such link (a message says so); 101 on a
// usage error, 102 when Chromium, the page or its player cannot be loaded.
import { die, openBrowser, openPage } from "./browser.mjs";

const WAIT_MS = 10000;
const POLL_MS = 100;

// In the page: window.__studioPlayer(MEDIA_URL), the player that plays
// MEDIA_URL, and window.__studioArm(MEDIA_URL), which makes the player's
// next "seeked" event leave its currentTime in window.__studioSeeked.
function installHelpers() {
	const bare = (u) => u.split("#")[0];
	window.__studioPlayer = (mediaUrl) => {
		const all = [...document.querySelectorAll("video, audio")];
		const own = all.find((m) => m.currentSrc && bare(m.currentSrc) === bare(mediaUrl));
		return own || document.querySelector("video") || document.querySelector("audio");
	};
	window.__studioArm = (mediaUrl) => {
		const player = window.__studioPlayer(mediaUrl);
		window.__studioSeeked = null;
		player.addEventListener("seeked", () => {
			if (window.__studioSeeked === null)
				window.__studioSeeked = player.currentTime;
		}, { once: true });
	};
}

async function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// Waits (bounded) until the player has its metadata; returns its duration.
async function playerReady(page, mediaUrl) {
	for (let waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
		const state = await page.evaluate((url) => {
			const p = window.__studioPlayer(url);
			return p ? { ready: p.readyState, duration: p.duration,
				error: p.error ? p.error.code : 0, src: p.currentSrc } : null;
		}, mediaUrl);
		if (!state)
			throw new Error("the page has no <video> or <audio> element");
		if (state.error)
			throw new Error(`the player cannot load ${state.src}: media error ${state.error}`);
		if (state.ready >= 1)
			return state.duration;
		await sleep(POLL_MS);
	}
	throw new Error(`the player loaded no metadata within ${WAIT_MS / 1000} s`);
}

// Clicks LINK; returns where the player was when it seeked.
async function clickOne(page, link, mediaUrl, tolerance) {
	const { href, t } = await link.evaluate((a) => ({ href: a.href, t: Number(a.dataset.t) }));
	const before = page.url();
	await page.evaluate((u) => window.__studioArm(u), mediaUrl);
	await link.evaluate((a) => {
		for (let d = a.closest("details"); d; d = d.parentElement.closest("details"))
			d.open = true;
	});
	await link.click();
	let seeked = null, navigated = false;
	for (let waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
		await sleep(POLL_MS);
		if (page.url() !== before) {
			navigated = true;
			break;
		}
		seeked = await page.evaluate(() => window.__studioSeeked).catch(() => null);
		if (seeked !== null)
			break;
	}
	const currentTime = navigated ? null :
		await page.evaluate((u) => window.__studioPlayer(u).currentTime, mediaUrl);
	const at = seeked !== null ? seeked : currentTime;
	return {
		href, t, currentTime: at, seeked: seeked !== null, navigated,
		within: !navigated && seeked !== null && Math.abs(at - t) <= tolerance,
	};
}

async function main(argv) {
	const chapters = argv.includes("--chapters");
	const [url, countArg = "2", tolArg = "0.5"] = argv.filter((a) => a !== "--chapters");
	const count = Number(countArg), tolerance = Number(tolArg);
	if (!url || !/^(file|https?):/.test(url) || !(count >= 1) || !(tolerance > 0))
		die("seek", "usage: node seek.mjs URL [COUNT [TOLERANCE]] [--chapters]", 101);
	const where = chapters ? "nav.chapters" : "section.transcript";
	let session, report;
	try {
		session = await openBrowser();
		const page = await openPage(session.browser, url, 1280);
		const links = await page.$$(`${where} a.seek[data-t]`);
		if (!links.length) {
			await session.close();
			die("seek", `no time link on ${url}: no <a class="seek" data-t> in a ${where}` +
				" (the page has no transcript or chapter links to click)", 3);
		}
		const mediaUrl = await links[0].evaluate((a) => a.href);
		await page.evaluate(installHelpers);
		const duration = await playerReady(page, mediaUrl);
		const clicks = [];
		for (const link of links.slice(0, count)) {
			clicks.push(await clickOne(page, link, mediaUrl, tolerance));
			if (clicks[clicks.length - 1].navigated)
				break;
		}
		report = { url, media: mediaUrl.split("#")[0], duration, tolerance, clicks };
	} catch (e) {
		if (session)
			await session.close();
		die("seek", `cannot click the time links of ${url}: ${e.message}`, 102);
	}
	await session.close();
	process.stdout.write(JSON.stringify(report, null, 1) + "\n");
	// A link missing (fewer than COUNT) or not clicked (the page was left)
	// counts as off.
	process.exit(Math.min(count - report.clicks.filter((c) => c.within).length, 100));
}

await main(process.argv.slice(2));
