import { mixToMono } from '../../workers/analysis/signal';
import { encodeWav, trimSilence } from '../domain/audio/wavEncoder';
import { SampleMindError } from '../domain/errors';

/** The longest example a user can record: a few seconds say what a sound is like. */
export const MAX_RECORDING_SECONDS = 6;

/**
 * Records an example from the microphone until `stop` resolves or MAX_RECORDING_SECONDS pass,
 * and returns it as a WAV file (mono, silence trimmed). The audio stays in memory: it is never
 * stored or sent, and the microphone is released as soon as recording ends.
 */
export async function recordExample(stop: Promise<void>): Promise<File> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined')
    throw new SampleMindError('no_microphone', 'this browser cannot record from a microphone');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError')
      throw new SampleMindError('microphone_denied', 'access to the microphone was refused (allow it in the browser’s site settings)');
    throw new SampleMindError('no_microphone', 'no microphone was found');
  }
  const chunks: Blob[] = [];
  try {
    const recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (event) => event.data.size > 0 && chunks.push(event.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
    recorder.start();
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, MAX_RECORDING_SECONDS * 1000))]);
    recorder.stop();
    await stopped;
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
  const encoded = await new Blob(chunks, { type: chunks[0]?.type ?? 'audio/webm' }).arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 44100);
  const audio = await context.decodeAudioData(encoded).catch(() => {
    throw new SampleMindError('decode_failed', 'the recording could not be read back');
  });
  const channels = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c));
  const trimmed = trimSilence(mixToMono(channels), audio.sampleRate);
  if (trimmed.length < audio.sampleRate * 0.05)
    throw new SampleMindError('silent', 'the recording is silent: nothing reached the microphone');
  return new File([encodeWav([trimmed], audio.sampleRate)], 'Microphone recording.wav', { type: 'audio/wav' });
}
