// validate.mjs — html-validate on HTML files, with the configuration below
// and nothing read from the file system (no .htmlvalidate.json is looked up).
//
//   node validate.mjs FILE...
//
// Prints one JSON document on stdout:
//   {"html-validate": VERSION, "files": [{"file", "errors": N, "warnings": N,
//    "messages": [{"rule", "severity", "line", "column", "selector", "message"}]}],
//    "errors": TOTAL}
// Exit status: the number of errors over all files, at most 100 (warnings
// do not count); 101 on a usage error, 102 when a file cannot be read.
import { readFileSync } from "node:fs";
import { HtmlValidate, version } from "html-validate";

const CAP = 100;

// The "recommended" preset (the HTML5 content model, valid attributes and
// IDs, the WCAG techniques H30, H32, H36, H37, H63, H67 and H71, deprecated
// markup, ambiguous constructs) and the "document" one (a whole document:
// doctype, heading levels, labelled inputs, references that resolve, SRI on
// what comes from elsewhere).  Changed and added:
const config = {
	root: true,
	extends: ["html-validate:recommended", "html-validate:document"],
	rules: {
		// A warning, not an error: a <title> over 70 characters is cut
		// in search results, but the page's title is the session's
		// own title, chosen by the person who published it; cutting it
		// would hide part of it from screen readers and tabs (WCAG
		// 2.4.2 asks for a descriptive title, not a short one).
		"long-title": "warn",
		// A misspelt element in the page generator would otherwise be
		// judged as an unknown custom element and pass.
		"no-unknown-elements": "error",
		// A site folder is published under any path (a dir target, a
		// WebDAV collection, a copy on a USB key): links from the root of
		// the server ("/x") would break there.
		"allowed-links": ["error", { allowAbsolute: false }],
	},
};
// Left out: no-style-tag (the page carries its few lines of CSS in a
// <style> element, so that a session folder copied anywhere keeps its look
// without a second file; style="" attributes stay forbidden by the preset's
// no-inline-style), require-csp-nonce (the site sends no Content Security
// Policy), and the naming patterns (attr-, class-, id-, name-pattern:
// a matter of taste, not of validity).

function summary(file, report) {
	const messages = report.results.flatMap((r) => r.messages).map((m) => ({
		rule: m.ruleId, severity: m.severity === 2 ? "error" : "warning",
		line: m.line, column: m.column, selector: m.selector, message: m.message,
	}));
	return {
		file,
		errors: messages.filter((m) => m.severity === "error").length,
		warnings: messages.filter((m) => m.severity === "warning").length,
		messages,
	};
}

async function main(files) {
	if (!files.length)
		die("usage: node validate.mjs FILE...", 101);
	const validator = new HtmlValidate(config);
	const results = [];
	for (const file of files) {
		let text;
		try {
			text = readFileSync(file, "utf8");
		} catch (e) {
			die(`cannot read ${file}: ${e.message}`, 102);
		}
		results.push(summary(file, await validator.validateString(text, file)));
	}
	const total = results.reduce((n, r) => n + r.errors, 0);
	process.stdout.write(JSON.stringify({ "html-validate": version, files: results, errors: total },
		null, 1) + "\n");
	process.exit(Math.min(total, CAP));
}

function die(message, status) {
	process.stderr.write(`validate: ${message}\n`);
	process.exit(status);
}

await main(process.argv.slice(2));
