import { execFileSync } from 'node:child_process';

/**
 * Resident memory of the largest Chromium renderer process, in MB: the app's page and its Web
 * Workers live in that one process. (Summing all Chromium processes double-counts shared pages
 * and mostly measures the browser itself: about 1.1 GB here with a blank page.)
 */
export function rendererRssMb(): number {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss=,args='], { encoding: 'utf8' });
    let largest = 0;
    for (const line of out.split('\n')) {
      if (!line.includes('--type=renderer') || line.includes('--top-chrome-webui')) continue;
      largest = Math.max(largest, Number(line.trim().split(/\s+/)[0]) || 0);
    }
    return largest / 1024;
  } catch {
    return 0;
  }
}

/** Samples rendererRssMb() in the background; `stop()` returns the peak. */
export function sampleRss(intervalMs = 200): { stop(): number; current(): number } {
  let peak = 0;
  let last = 0;
  const timer = setInterval(() => {
    last = rendererRssMb();
    peak = Math.max(peak, last);
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rendererRssMb());
    },
    current: () => last,
  };
}
