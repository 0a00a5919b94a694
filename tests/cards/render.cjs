// Parse, validate and render Adaptive Cards with the `adaptivecards` library in headless Chromium.
//
// Usage: node render.cjs CARDS.json OUTDIR
//   CARDS.json: [{"name": "...", "card": {...}}, ...]
//   OUTDIR/<name>.png: a picture of each rendered card; OUTDIR/results.json: what the renderer reported.
// The node_modules folder lives outside git; the caller puts it on NODE_PATH. MEDBOT_CHROMIUM names the browser.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const HERE = __dirname;
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

// Runs inside the page: one card through the library the way a host does it, reporting everything it noticed.
function checkCard({ json, hostConfig }) {
  const AC = window.AdaptiveCards;
  const eventName = (e) => AC.ValidationEvent[e];
  const schemaNames = (obj) => {
    const schema = obj.getSchema();
    const names = new Set();
    for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
    return names;
  };
  // Keys the library reads in code rather than through its property schema.
  const PARSED_BY_HAND = ["type", "fallback", "actions", "columns", "inlines", "card"];
  const collection = (obj) => (typeof obj.getItemsCollectionPropertyName === "function" ? obj.getItemsCollectionPropertyName() : "");
  const ignored = [];
  const actions = [];
  const noteIgnored = (obj, source, allowed) => {
    const names = schemaNames(obj);
    for (const key of Object.keys(source)) {
      if (!names.has(key) && !allowed.includes(key) && !PARSED_BY_HAND.includes(key) && key !== collection(obj)) ignored.push(`${obj.getJsonTypeName()}.${key}`);
    }
  };
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  context.onParseElement = (element, source) => noteIgnored(element, source, []);
  context.onParseAction = (action, source) => {
    noteIgnored(action, source, []);
    actions.push({
      type: action.getJsonTypeName(),
      title: action.title || "",
      universal: action instanceof AC.ExecuteAction,
      verb: action instanceof AC.ExecuteAction ? action.verb || "" : "",
    });
  };

  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  card.parse(json, context);
  noteIgnored(card, json, ["$schema", "msteams"]);

  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push({ phase: "parse", event: eventName(e.event), message: e.message });
  }
  for (const e of card.validateProperties().validationEvents) {
    events.push({ phase: "validate", event: eventName(e.event), message: e.message });
  }

  const host = document.getElementById("host");
  host.innerHTML = "";
  const rendered = card.render();
  if (rendered) host.appendChild(rendered);

  // What a reader would lose: text or buttons cut off, or a card wider than the chat column.
  const clipped = [];
  if (rendered && rendered.scrollWidth > rendered.clientWidth + 1) clipped.push("card wider than the chat column");
  for (const el of host.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const hides = style.overflowX === "hidden" || style.overflow === "hidden" || style.textOverflow === "ellipsis";
    const text = (el.innerText || "").trim();
    if (hides && text && el.scrollWidth > el.clientWidth + 1 && !clipped.some((c) => c.includes(text.slice(0, 60)))) {
      clipped.push(`"${text.slice(0, 60)}" is cut off (${el.scrollWidth}px wide in ${el.clientWidth}px)`);
    }
  }
  // Markdown turns a line such as "28. februar 2026" into a numbered list starting at 28: a Danish date is not a list.
  const accidentalLists = [];
  for (const list of host.querySelectorAll("ol[start]")) {
    const start = Number(list.getAttribute("start"));
    if (start > 1) accidentalLists.push(`"${start}. ${list.innerText.trim().slice(0, 50)}" became a numbered list`);
  }
  return {
    accidentalLists,
    version: card.version ? card.version.toString() : "",
    events,
    ignored,
    actions,
    clipped,
    rendered: Boolean(rendered),
    text: rendered ? rendered.innerText : "",
    height: rendered ? rendered.getBoundingClientRect().height : 0,
    frame: (({ x, y, width, height }) => ({ x, y, width, height }))(document.getElementById("frame").getBoundingClientRect()),
  };
}

async function main() {
  const [input, outDir] = process.argv.slice(2);
  if (!input || !outDir) throw new Error("usage: node render.cjs CARDS.json OUTDIR");
  const samples = JSON.parse(fs.readFileSync(input, "utf8"));
  const hostConfig = JSON.parse(fs.readFileSync(path.join(HERE, "teams-host-config.json"), "utf8"));
  const modules = (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean);
  const findModule = (rel) => {
    for (const dir of modules) if (fs.existsSync(path.join(dir, rel))) return path.join(dir, rel);
    throw new Error(`${rel} not found on NODE_PATH`);
  };
  fs.mkdirSync(outDir, { recursive: true });

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "medbot-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MEDBOT_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 800, height: 600 },
  });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    const cdp = await browser.newCDPSession(page);
    const pageErrors = [];
    page.on("pageerror", (err) => pageErrors.push(String(err)));
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") pageErrors.push(`console ${msg.type()}: ${msg.text()}`);
    });
    await page.setContent(fs.readFileSync(path.join(HERE, "page.html"), "utf8"));
    await page.addScriptTag({ path: findModule("markdown-it/dist/markdown-it.min.js") });
    await page.addScriptTag({ path: findModule("adaptivecards/dist/adaptivecards.min.js") });
    // Teams renders a Markdown subset (bold, italic, lists, links); raw HTML in card text is not rendered.
    await page.evaluate(() => {
      const md = window.markdownit({ html: false, linkify: false, breaks: true });
      window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = md.render(text);
        result.didProcess = true;
      };
    });
    const library = await page.evaluate(() => ({
      executeRegistered: window.AdaptiveCards.GlobalRegistry.defaultActions.findByName("Action.Execute") !== undefined,
    }));

    const results = [];
    for (const sample of samples) {
      pageErrors.length = 0;
      const result = await page.evaluate(checkCard, { json: sample.card, hostConfig });
      const png = path.join(outDir, `${sample.name}.png`);
      // Straight from the DevTools protocol: twice as fast as Playwright's screenshot, which waits for stability.
      const shot = await cdp.send("Page.captureScreenshot", {
        format: "png",
        clip: { ...result.frame, scale: 1 },
        captureBeyondViewport: true,
      });
      fs.writeFileSync(png, Buffer.from(shot.data, "base64"));
      results.push({ name: sample.name, png, pageErrors: [...pageErrors], ...result });
    }
    fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify({ library, results }, null, 2));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
