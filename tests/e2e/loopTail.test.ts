import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../workers/analysis/decode';
import { mixToMono } from '../../workers/analysis/signal';
import { FIXTURE_LIBRARY, KNOWN } from '../fixtures/fixtures';
import { encodeWav } from '../support/audioFiles';
import { LOOP_EXPORTS } from '../support/loopExports';
import { appForTests, importFolderThroughInput, row, waitForAnalysis } from './app';

interface PlayerWindow {
  samplemind: { player: { current: number | null; playback: { loopSeconds?: number | null; clickBpm?: number | null } } };
}

const app = appForTests();

describe('a loop exported past its last bar (production build, Chromium)', () => {
  it('reads its tempo from its onsets, and loops only its bars over the metronome, marking the tail', async () => {
    // The two-bar 176 BPM drum loop (2.73 s), rendered on for half a second: 3.23 s, which no tempo near 176 fills in whole beats.
    const audio = await decodeAudio(new Uint8Array(await readFile(`${FIXTURE_LIBRARY}/${KNOWN.drumLoop.path}`)), 'rock-drums.ogg');
    const tailed = LOOP_EXPORTS['with the next downbeat ringing out'](mixToMono(audio.channelData), audio.sampleRate);
    const folder = join(await mkdtemp(join(tmpdir(), 'samplemind-tail-')), 'Exports');
    await mkdir(folder);
    await writeFile(join(folder, 'Drums bounce.wav'), encodeWav([tailed], { sampleRate: audio.sampleRate }));
    await importFolderThroughInput(app.page, folder);
    await row(app.page, 'Drums bounce.wav').waitFor();
    await waitForAnalysis(app.page);
    await row(app.page, 'Drums bounce.wav').click();
    // Read from the onsets, to within a percent (the length alone would say 149 or 74.5).
    const bpm = Number((await app.page.getByTestId('detail-bpm').innerText()).replace(' BPM', ''));
    expect(Math.abs(bpm / KNOWN.drumLoop.bpm - 1)).toBeLessThan(0.01);
    expect(await app.page.getByTestId('waveform-outside-loop').count()).toBe(0);

    await app.page.getByLabel('Project tempo (BPM)').fill('120');
    await app.page.getByRole('button', { name: 'Sync tempo' }).click();
    await app.page.getByRole('button', { name: 'Metronome' }).click();
    // The tail is dimmed from the loop's last bar line: two bars at its tempo (2.73 of 3.23 s at 176).
    const twoBars = 480 / bpm;
    const frame = (await app.page.locator('.waveform-frame').boundingBox())!;
    const tail = (await app.page.getByTestId('waveform-outside-loop').boundingBox())!;
    expect((tail.x - frame.x - 7) / (frame.width - 14)).toBeCloseTo(twoBars / (tailed.length / audio.sampleRate), 2);

    const current = () => app.page.evaluate(() => (window as unknown as PlayerWindow).samplemind.player.current);
    if ((await current()) !== null) await app.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(current, { timeout: 5_000 }).toBeNull();
    await app.page.getByRole('button', { name: 'Play', exact: true }).click();
    const playback = () => app.page.evaluate(() => (window as unknown as PlayerWindow).samplemind.player.playback);
    await expect.poll(async () => (await playback()).clickBpm, { timeout: 5_000 }).toBe(120);
    expect((await playback()).loopSeconds).toBeCloseTo(twoBars, 3);
    await app.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(current, { timeout: 5_000 }).toBeNull();
  });
});
