import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveProductionBuild, type AppServer } from '../support/browser';
import {
  errorReply,
  jsonReply,
  startAiServer,
  textReply,
  toolCallsReply,
  type AiServer,
  type RecordedRequest,
  type ScriptedResponse,
} from '../support/aiServers';
import { importAndAnalyse, openAppWithoutDirectoryPicker } from './app';
import { seriousViolations } from './axe';

const OPENAI_KEY = 'sk-openai-e2e-7f3a9c';
const ANTHROPIC_KEY = 'sk-ant-e2e-41b2d8';
const FIXTURE_NAMES = ['clap-808', 'hihat-808', 'hihat-dirty', 'kick-hard', 'kick-lite', 'kick-old', 'snare-808', 'snare-ee'];

let server: AppServer;
let browser: Browser;
let openai: AiServer;
let anthropic: AiServer;

/** What the mock providers answer, by task: the kit assistant's tool round, a search reading, tag proposals. */
function respond(request: RecordedRequest): ScriptedResponse {
  if (request.toolNames.includes('search_samples')) {
    if (request.toolResults.length === 0)
      return toolCallsReply([{ name: 'search_samples', arguments: { categories: ['kick'], limit: 3 } }]);
    const found = JSON.parse(request.toolResults[0]!.content) as { samples: { id: number }[] };
    const [first, second] = found.samples;
    // One real reference, one the library does not have: the UI must show only the real one.
    return textReply(`For a punchy start: [#${first!.id}] as the main kick, [#${second!.id}] for layering, and [#987654] for air.`, {
      chunks: 8,
      delayMs: 150,
    });
  }
  if (request.system.includes('structured query')) {
    return jsonReply({
      text: '',
      kind: 'one-shot',
      categories: ['kick'],
      excludeCategories: [],
      bpm: null,
      key: null,
      duration: { min: null, max: 0.5 },
      excludeWords: [],
    });
  }
  if (request.system.includes('tag audio samples')) {
    const samples = JSON.parse(request.lastUserText) as { id: number }[];
    return jsonReply({ samples: samples.map((s) => ({ id: s.id, tags: ['gritty', 'trap'], description: 'A gritty trap hit.' })) });
  }
  return textReply('ok');
}

beforeAll(async () => {
  server = await serveProductionBuild();
  browser = await launchChromium();
  openai = await startAiServer('openai', { apiKey: OPENAI_KEY, defaultResponse: respond });
  anthropic = await startAiServer('anthropic', { apiKey: ANTHROPIC_KEY, defaultResponse: respond });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await openai?.close();
  await anthropic?.close();
});

interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** Every request the pages of the context send, with all headers and the raw body. */
function recordAllRequests(context: BrowserContext): SeenRequest[] {
  const seen: SeenRequest[] = [];
  context.on('request', (request) => {
    void request.allHeaders().then((headers) => seen.push({ url: request.url(), headers, body: request.postDataBuffer() }));
  });
  return seen;
}

async function openAi(page: Page, tab: 'Kit assistant' | 'Settings' | 'Request log'): Promise<void> {
  if (!(await page.getByRole('dialog', { name: 'AI' }).isVisible())) await page.getByRole('button', { name: 'AI assistant' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

async function addProvider(page: Page, id: string, label: string, baseUrl: string, key: string): Promise<void> {
  await page.getByLabel(`${label} address`).fill(baseUrl);
  await page.getByLabel(`${label} key`).fill(key);
  await page.locator(`.ai-provider[data-provider=${id}]`).getByRole('button', { name: 'Save key' }).click();
  await page.locator(`.ai-provider[data-provider=${id}]`).getByText('key saved').waitFor();
}

describe('AI providers, routing and privacy', () => {
  it('sends each key only to its own host, never audio or file names, and streams a kit from the library', async () => {
    const page = await openAppWithoutDirectoryPicker(browser, server.origin);
    const context = page.context();
    const seen = recordAllRequests(context);
    await importAndAnalyse(page, 'tests/fixtures/similar', 8);

    // Nothing is set up: the dialog opens on the settings, AI is off, and local AI explains what it needs.
    await page.getByRole('button', { name: 'AI assistant' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    await page.getByText('AI is off').waitFor();
    await page
      .getByText(/WebGPU/)
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await addProvider(page, 'openai', 'OpenAI', openai.baseUrl, OPENAI_KEY);
    await addProvider(page, 'anthropic', 'Anthropic', anthropic.baseUrl, ANTHROPIC_KEY);
    // Private (the default) still uses no cloud provider, and says the saved keys are unused.
    await page.getByText('AI is off').waitFor();
    expect(await page.locator('.ai-status').innerText()).toContain(
      'Your OpenAI and Anthropic keys are saved, unused while Private is chosen.',
    );
    // Leaving Private asks first, naming where requests would go; until then nothing changes.
    await page.getByRole('radio', { name: /Fastest/ }).click();
    const consent = page.getByRole('group', { name: 'Allow cloud AI?' });
    expect(await consent.innerText()).toContain('requests may go to OpenAI, Anthropic, cloud services you enabled');
    expect(await consent.innerText()).toContain('never their file names; audio never leaves this computer');
    expect(await page.getByRole('radio', { name: /Private/ }).isChecked()).toBe(true);
    await consent.getByRole('button', { name: 'Stay private' }).click();
    await page.getByText('AI is off').waitFor();
    // Escape answers it the same way (the keyboard starts on "Stay private"), and leaves the dialog open.
    await page.getByRole('radio', { name: /Fastest/ }).click();
    await page.keyboard.press('Escape');
    await consent.waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog', { name: 'AI' }).isVisible()).toBe(true);
    expect(await page.getByRole('radio', { name: /Private/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /Fastest/ }).click();
    await consent.getByRole('button', { name: 'Allow cloud AI' }).click();
    await page.getByText('Requests go to Anthropic (claude-3-5-haiku-latest, cloud), then OpenAI (gpt-4o-mini, cloud).').waitFor();
    // Between priorities that are not Private it does not ask again.
    await page.getByRole('radio', { name: /Cheapest/ }).check();
    expect(await consent.count()).toBe(0);
    await page.getByRole('radio', { name: /Fastest/ }).check();

    // The kit assistant: a tool call searches the library, the answer streams in, only real samples are offered.
    await page.getByRole('tab', { name: 'Kit assistant' }).click();
    await page.getByLabel('Ask the kit assistant').fill('a punchy kit with hard kicks');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const streaming = page.getByTestId('assistant-streaming');
    await expect.poll(async () => (await streaming.textContent().catch(() => '')) ?? '', { timeout: 15_000 }).toMatch(/For a punchy/);
    const samples = page.getByRole('list', { name: 'Samples in this answer' }).getByRole('listitem');
    await expect.poll(() => samples.count(), { timeout: 20_000 }).toBe(2);
    const reply = await page.locator('.assistant-turn.turn-assistant').last().innerText();
    expect(reply).toMatch(/kick-/);
    expect(reply).toContain('(no such sample)');
    expect(await samples.allInnerTexts()).toEqual([expect.stringMatching(/kick/), expect.stringMatching(/kick/)]);
    await samples
      .first()
      .getByRole('button', { name: /^Play / })
      .click();
    await expect
      .poll(() =>
        samples
          .first()
          .getByRole('button', { name: /^Play / })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    await page.getByRole('button', { name: 'Save as collection' }).click();
    await page.getByRole('dialog', { name: 'AI' }).waitFor({ state: 'detached' });
    await page.getByText('Kit: a punchy kit with hard kicks').first().waitFor();
    await page
      .getByTestId('sample-count')
      .filter({ hasText: /^2 samples$/ })
      .waitFor(); // the collection, opened: its own count
    expect(anthropic.requests.length).toBe(2);
    expect(openai.requests.length).toBe(0);

    // Anthropic fails: the search is read by the next provider in the chain.
    anthropic.reply(errorReply(500), errorReply(500), errorReply(500));
    await page.getByText('All samples', { exact: true }).click();
    await page.getByTestId('sample-count').filter({ hasText: '8 samples' }).waitFor();
    await page.getByLabel('Search samples by name, folder or tag').fill('something punchy that kicks, short');
    await page.getByLabel('Search samples by name, folder or tag').press('Enter');
    await page.getByRole('status').filter({ hasText: '✦ OpenAI' }).waitFor({ timeout: 20_000 });
    expect(openai.requests.length).toBe(1);
    await page.getByTestId('sample-count').filter({ hasText: '3 of 8 samples' }).waitFor();

    // Tags and descriptions for a selection, reviewed then applied in one step.
    await page.locator('.library-row').first().click();
    await page
      .locator('.library-row')
      .last()
      .click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Tags and descriptions…' }).click();
    const describe = page.getByRole('dialog', { name: 'Suggested tags and descriptions' });
    await describe.getByRole('button', { name: 'Apply to 3 samples' }).waitFor({ timeout: 20_000 });
    expect(
      await describe
        .getByLabel(/^Tags for /)
        .first()
        .inputValue(),
    ).toContain('gritty');
    await describe.getByRole('button', { name: 'Apply to 3 samples' }).click();
    await page.getByText('Applied AI tags and descriptions to 3 samples').waitFor();
    // One sample from the detail panel: the description lands in its note.
    await page.locator('.library-row').first().click();
    await page.getByRole('button', { name: 'Describe…' }).click();
    const single = page.getByRole('dialog', { name: 'Suggested tags and descriptions' });
    await single.getByRole('button', { name: 'Apply to 1 sample' }).click();
    await expect.poll(() => page.locator('.organise-line.note textarea').inputValue()).toContain('A gritty trap hit.');

    // The request log shows what went out, exactly.
    await openAi(page, 'Request log');
    const entries = page.getByRole('list', { name: 'AI requests' }).getByRole('listitem');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.ai-log-entry.failed').count()).toBeGreaterThanOrEqual(1);
    await entries.last().locator('summary').click();
    await expect.poll(() => entries.last().locator('.ai-log-body').innerText()).toContain('search_samples');

    // Stop cancels a streaming answer; a cancelled request is not passed on to the next provider.
    anthropic.reply(textReply('A long and thoughtful answer that keeps on going. '.repeat(12), { chunks: 24, delayMs: 400 }));
    const openaiBefore = openai.requests.length;
    await openAi(page, 'Kit assistant');
    await page.getByLabel('Ask the kit assistant').fill('tell me everything');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(async () => (await streaming.textContent().catch(() => '')) ?? '', { timeout: 15_000 }).toMatch(/thoughtful/);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.assistant-turn.turn-assistant').last().getByText('Stopped.').waitFor();
    expect(openai.requests.length).toBe(openaiBefore);
    await openAi(page, 'Request log');
    await page.locator('.ai-log-entry.cancelled').first().waitFor();

    // This month's use per provider, from the log.
    await openAi(page, 'Settings');
    const usage = page.getByRole('table', { name: 'AI use this month' });
    await expect.poll(() => usage.innerText()).toMatch(/Anthropic\s+\d+/);
    expect(await usage.innerText()).toMatch(/OpenAI\s+\d+/);

    // A budget of nothing refuses the next cloud request before it is sent.
    await page.getByLabel('Monthly budget for cloud AI (US$)').fill('0');
    const before = openai.requests.length + anthropic.requests.length;
    await page.getByRole('tab', { name: 'Kit assistant' }).click();
    await page.getByLabel('Ask the kit assistant').fill('more hats');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page
      .getByText(/could cost up to/)
      .first()
      .waitFor();
    expect(openai.requests.length + anthropic.requests.length).toBe(before);

    // Every key went to its own host only, in its own header; no audio bytes and no file names left.
    const openaiHost = new URL(openai.baseUrl).host;
    const anthropicHost = new URL(anthropic.baseUrl).host;
    const toAi = seen.filter((r) => [openaiHost, anthropicHost].includes(new URL(r.url).host));
    expect(toAi.length).toBeGreaterThanOrEqual(openai.requests.length + anthropic.requests.length);
    for (const request of seen) {
      const host = new URL(request.url).host;
      const text = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body?.toString('latin1') ?? ''}`;
      if (host !== openaiHost) expect(text).not.toContain(OPENAI_KEY);
      if (host !== anthropicHost) expect(text).not.toContain(ANTHROPIC_KEY);
      if (host === openaiHost && request.body) expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
      if (host === anthropicHost && request.body) expect(request.headers['x-api-key']).toBe(ANTHROPIC_KEY);
      if (host === openaiHost || host === anthropicHost) {
        const body = request.body?.toString('latin1') ?? '';
        expect(body).not.toContain(OPENAI_KEY);
        expect(body).not.toContain(ANTHROPIC_KEY);
        for (const magic of ['RIFF', 'fLaC', 'OggS', 'ID3', 'FORM']) expect(body).not.toContain(magic);
        for (const name of FIXTURE_NAMES) expect(body).not.toContain(name);
        expect(body.length).toBeLessThan(20_000);
      }
    }
    for (const recorded of openai.requests) expect(recorded.headers['x-api-key']).toBeUndefined();
    for (const recorded of anthropic.requests) expect(recorded.headers.authorization).toBeUndefined();
    await context.close();
  });

  it('locks the keys with a passphrase: after a reload nothing is sent until they are unlocked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.origin);
    await openAi(page, 'Settings');
    await addProvider(page, 'openai', 'OpenAI', openai.baseUrl, OPENAI_KEY);
    await page.getByRole('radio', { name: /Fastest/ }).click();
    await page.getByRole('group', { name: 'Allow cloud AI?' }).getByRole('button', { name: 'Allow cloud AI' }).click();
    await page.getByLabel('New passphrase').fill('correct horse battery');
    await page.getByRole('button', { name: 'Encrypt keys' }).click();
    await page.getByText('Your keys are now encrypted with this passphrase.').waitFor();
    const stored = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('samplemind');
          open.onsuccess = () => {
            const get = open.result.transaction('aiKeys').objectStore('aiKeys').getAll();
            get.onsuccess = () =>
              resolve(
                JSON.stringify(get.result.map((r: { plain?: string; sealed?: unknown }) => ({ plain: r.plain, sealed: !!r.sealed }))),
              );
          };
        }),
    );
    expect(stored).toBe(JSON.stringify([{ sealed: true }]));

    await page.reload();
    await openAi(page, 'Settings');
    await page.getByText('Your keys are encrypted. Unlock them').waitFor();
    await page.getByText('AI is off').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('wrong words here');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That passphrase does not unlock your keys.').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('Requests go to OpenAI (gpt-4o-mini, cloud).').waitFor();
    await context.close();
  });
});
