import { DEFAULT_PRICES, type ModelPrice } from '../../domain/ai/prices';
import { providerLabel } from '../../domain/ai/providerCatalogue';
import { useAi } from './useAi';

/** The editable price table the budget is counted with (US$ per million tokens). */
export function PriceTable() {
  const ai = useAi();
  const prices = ai.settings.prices;
  const update = (index: number, patch: Partial<ModelPrice>): void => {
    void ai.saveSettings({ prices: prices.map((price, i) => (i === index ? { ...price, ...patch } : price)) });
  };
  const number = (text: string): number | null => {
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? value : null;
  };
  return (
    <details className="ai-section ai-prices">
      <summary>Price table (US$ per million tokens)</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Model</th>
            <th scope="col">Input</th>
            <th scope="col">Output</th>
          </tr>
        </thead>
        <tbody>
          {prices.map((price, index) => (
            <tr key={`${price.provider}-${index}`}>
              <td>{providerLabel(price.provider)}</td>
              <td>
                <input
                  aria-label={`${providerLabel(price.provider)} model`}
                  value={price.model}
                  onChange={(e) => update(index, { model: e.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  step={0.01}
                  aria-label={`${providerLabel(price.provider)} ${price.model} input price`}
                  value={price.inputPerMillion}
                  onChange={(e) => {
                    const value = number(e.currentTarget.value);
                    if (value !== null) update(index, { inputPerMillion: value });
                  }}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  step={0.01}
                  aria-label={`${providerLabel(price.provider)} ${price.model} output price`}
                  value={price.outputPerMillion}
                  onChange={(e) => {
                    const value = number(e.currentTarget.value);
                    if (value !== null) update(index, { outputPerMillion: value });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={() => void ai.saveSettings({ prices: DEFAULT_PRICES.map((p) => ({ ...p })) })}>
        Reset to published prices
      </button>
    </details>
  );
}
