// Drive Microsoft 365 Agents Playground like a person: ask one question, press one card button, take a picture.
//
// Usage: node playground.cjs '{"url": ..., "question": ..., "expectAnswer": ..., "button": ..., "expectAfter": ...,
//                              "then": [{"ask": ..., "expect": ...}, {"tap": ..., "expect": ...}], "screenshot": ...}'
// Without "button" it stops after the answer card (the role tests only read what the bot answered). "then" goes on
// like a person: "ask" types another question, "tap" taps a row or button on the last card (a suggestion, a related
// question); each waits for a new card that shows "expect". "press" fills in the last card's "fill" fields (label:
// value), presses a button on it and waits for that card to be replaced by one showing "expect" (Action.Execute);
// "wait" does nothing and waits for a card showing "expect" that is new since the step before began (a message the
// bot sends on its own, e.g. through the outbox).
// Prints one JSON object: the answer card's text, the card's text after the click, the text of each new card of
// "then" (thenTexts), and the Playground's log panel.
// The node_modules folder lives outside git; the caller puts it on NODE_PATH. MEDBOT_CHROMIUM names the browser.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const STEP_TIMEOUT = 45000;

async function main() {
  const config = JSON.parse(process.argv[2]);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "medbot-playground-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MEDBOT_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1000 },
  });
  const result = { steps: [] };
  const page = browser.pages()[0] || (await browser.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT);
  const cards = page.locator(".ac-adaptiveCard");
  // The log panel is the only read-only editable region; its lines are "[time] what happened".
  const logPanel = page.locator('div[contenteditable="true"][spellcheck="false"]');
  try {
    await page.goto(config.url, { waitUntil: "load" });
    // The Playground installs the bot and the bot answers: the conversation is connected end to end.
    await page.waitForFunction(
      (selector) => {
        const panel = document.querySelector(selector);
        return panel !== null && /User Application\s*\S+\s*Microsoft 365 Agents Playground\s*message 20/.test(panel.innerText);
      },
      'div[contenteditable="true"][spellcheck="false"]',
    );
    result.steps.push("bot answered the installation");
    const before = await cards.count();

    const compose = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await compose.click();
    await page.keyboard.type(config.question);
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      ([selector, count, text]) => {
        const all = document.querySelectorAll(selector);
        return all.length > count && all[all.length - 1].innerText.includes(text);
      },
      [".ac-adaptiveCard", before, config.expectAnswer],
    );
    const answer = cards.last();
    result.answerText = await answer.innerText();
    result.steps.push("answer card shown");

    if (config.button) {
      await answer.getByRole("button", { name: config.button }).click();
      await page.waitForFunction(
        ([selector, text]) => {
          const all = document.querySelectorAll(selector);
          return all.length > 0 && all[all.length - 1].innerText.includes(text);
        },
        [".ac-adaptiveCard", config.expectAfter],
      );
      result.afterText = await cards.last().innerText();
      result.steps.push("card replaced after the click");
    }
    result.thenTexts = [];
    // A message the bot sends on its own may arrive while the step before is still waiting (an HR answer that
    // overtakes the "on its way" card), so "wait" looks at every card since the step before began.
    let since = await cards.count();
    for (const step of config.then || []) {
      const count = await cards.count();
      const from = step.wait ? since : count;
      since = count;
      if (step.press) {
        // A form is filled in first, field by field as a person would ("fill": {label: value}); a choice by its title.
        const form = cards.nth(count - 1);
        for (const [label, value] of Object.entries(step.fill || {})) {
          const field = form.getByLabel(label, { exact: false }).first();
          if ((await field.evaluate((element) => element.tagName)) === "SELECT") {
            await field.selectOption({ label: value });
          } else {
            await field.fill(value);
          }
        }
        // The pressed card is replaced where it stands; a card arriving below it meanwhile must not hide that.
        await form.getByRole("button", { name: step.press, exact: true }).click();
        await page.waitForFunction(
          ([selector, index, text]) => document.querySelectorAll(selector)[index].innerText.includes(text),
          [".ac-adaptiveCard", count - 1, step.expect],
        );
        result.thenTexts.push(await cards.nth(count - 1).innerText());
        result.steps.push(`pressed ${step.press}`);
        continue;
      }
      if (step.wait) {
        // Nothing to do: the message comes by itself.
      } else if (step.ask) {
        await compose.click();
        await page.keyboard.type(step.ask);
        await page.keyboard.press("Enter");
      } else {
        // A tap row is a container whose select action Teams renders as a button named after the action's title.
        await cards.last().getByRole("button", { name: step.tap, exact: true }).click();
      }
      // The position of the first such card, counted from 1 so that "none yet" (0) keeps waiting.
      const shown = await page.waitForFunction(
        ([selector, from, text]) =>
          1 + Array.from(document.querySelectorAll(selector)).findIndex((c, i) => i >= from && c.innerText.includes(text)),
        [".ac-adaptiveCard", from, step.expect],
      );
      result.thenTexts.push(await cards.nth((await shown.jsonValue()) - 1).innerText());
      result.steps.push(step.ask ? `asked ${step.ask}` : step.wait ? "waited" : `tapped ${step.tap}`);
    }
    await page.screenshot({ path: config.screenshot });
  } catch (err) {
    result.error = String(err && err.message ? err.message : err);
    await page.screenshot({ path: config.screenshot }).catch(() => {});
  } finally {
    result.log = (await logPanel.count()) ? await logPanel.first().innerText() : "";
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
