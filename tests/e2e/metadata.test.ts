import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../support/audioFiles';
import { clickTrack } from '../support/signals';
import { acidChunk, infoList, wavWith } from '../support/taggedFiles';
import { appForTests, importFolderThroughInput, row, waitForAnalysis } from './app';

const app = appForTests();

describe('metadata the files carry (production build, Chromium)', () => {
  it('shows the ACID tempo and the RIFF INFO title with their sources', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'samplemind-tagged-')), 'Tagged');
    await mkdir(folder);
    // Two bars at 120 BPM, tagged by the tool that made it: 8 beats at 120, a title and a comment.
    const wav = wavWith(
      encodeWav([clickTrack(120, 2)]),
      [acidChunk({ beats: 8, tempo: 120, meter: [4, 4] })],
      [infoList({ INAM: 'Click Loop 120', ICMT: 'made for the test' })],
    );
    await writeFile(join(folder, 'click-loop.wav'), wav);
    await importFolderThroughInput(app.page, folder);
    await app.page.getByTestId('sample-count').filter({ hasText: '1 sample' }).waitFor();
    await waitForAnalysis(app.page);
    await row(app.page, 'click-loop.wav').click();
    const section = app.page.getByRole('region', { name: 'Metadata in the file' });
    await section.waitFor();
    const text = await section.innerText();
    expect(text).toContain('Click Loop 120');
    expect(text).toMatch(/Title\s+Click Loop 120 · RIFF INFO/);
    expect(text).toMatch(/Tempo\s+120 BPM · ACID chunk/);
    expect(text).toContain('made for the test');
    expect(await app.page.getByTestId('detail-bpm').innerText()).toBe('120 BPM');
    expect(await app.page.locator('.value', { has: app.page.getByTestId('detail-bpm') }).innerText()).toContain('from the ACID chunk');
  });

  it("takes the tempo and category a file's name states, and says so", async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'samplemind-named-')), 'Named');
    await mkdir(folder);
    // The two-bar loop the audio reads at 176 BPM (one bar at 88 fits it too), and a hi-hat sold as a shaker.
    await copyFile('tests/fixtures/library/Loops/rock-drums.ogg', join(folder, 'Rock Break 88bpm.ogg'));
    await copyFile('tests/fixtures/library/One-shots/Drums/hihat.wav', join(folder, 'Shaker 01.wav'));
    await copyFile('tests/fixtures/library/One-shots/bass-G2.m4a', join(folder, '808 Sub G.m4a'));
    await importFolderThroughInput(app.page, folder);
    await row(app.page, 'Shaker 01.wav').waitFor();
    await waitForAnalysis(app.page);
    await row(app.page, 'Rock Break 88bpm.ogg').click();
    expect(await app.page.getByTestId('detail-bpm').innerText()).toBe('88 BPM');
    expect(await app.page.locator('.value', { has: app.page.getByTestId('detail-bpm') }).innerText()).toContain('from the file name');
    await row(app.page, 'Shaker 01.wav').click();
    await expect.poll(() => app.page.getByTestId('detail-category').innerText()).toBe('percussion');
    expect(await app.page.locator('.value', { has: app.page.getByTestId('detail-category') }).innerText()).toContain('from the file name');
    await row(app.page, '808 Sub G.m4a').click();
    await expect.poll(() => app.page.getByTestId('detail-root').innerText()).toBe('G2');
    expect(await app.page.locator('.value', { has: app.page.getByTestId('detail-root') }).innerText()).toContain('from the file name');
  });
});
