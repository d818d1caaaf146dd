export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      {/* Scaled rather than sized: a width change re-laid out the whole page on every frame of its transition. */}
      <div className="progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
    </div>
  );
}
