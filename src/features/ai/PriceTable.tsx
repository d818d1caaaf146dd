import { useState } from 'react';
import { DEFAULT_PRICES, type ModelPrice } from '../../domain/ai/prices';
import { PROVIDERS, providerLabel } from '../../domain/ai/providerCatalogue';
import type { ProviderId } from '../../domain/ai/chat';
import { useAi } from './useAi';

/** A price typed in: a number ≥ 0, or null for an empty or unreadable field (which leaves the old price: empty is not free). */
function priceInput(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

const PRICED = PROVIDERS.filter((p) => !p.local || p.id === 'custom' || p.id === 'ollama');

/** The editable price table the budget is counted with (US$ per million tokens); a cloud model without a row is never sent to. */
export function PriceTable() {
  const ai = useAi();
  const prices = ai.settings.prices;
  const [adding, setAdding] = useState({ provider: 'openai' as ProviderId, model: '', input: '', output: '' });
  const addInput = priceInput(adding.input);
  const addOutput = priceInput(adding.output);
  const canAdd = adding.model.trim() !== '' && addInput !== null && addOutput !== null;
  const save = (next: ModelPrice[]): void => void ai.saveSettings({ prices: next });
  const update = (index: number, patch: Partial<ModelPrice>): void =>
    save(prices.map((price, i) => (i === index ? { ...price, ...patch } : price)));
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
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {prices.map((price, index) => {
            const name = `${providerLabel(price.provider)} ${price.model}`;
            return (
              // Keyed by content and count: removing a row remounts the inputs below it with their own prices.
              <tr key={`${price.provider}|${price.model}|${index}|${prices.length}`}>
                <td>{providerLabel(price.provider)}</td>
                <td>
                  <input
                    aria-label={`${name} model`}
                    value={price.model}
                    onChange={(e) => update(index, { model: e.currentTarget.value })}
                  />
                </td>
                {(['inputPerMillion', 'outputPerMillion'] as const).map((field) => (
                  <td key={field}>
                    <input
                      type="number"
                      min={0}
                      step={0.01}
                      aria-label={`${name} ${field === 'inputPerMillion' ? 'input' : 'output'} price`}
                      defaultValue={price[field]}
                      onChange={(e) => {
                        const value = priceInput(e.currentTarget.value);
                        if (value !== null) update(index, { [field]: value });
                      }}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove the price of ${name}`}
                    onClick={() => save(prices.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form
        className="ai-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!canAdd) return;
          save([
            ...prices,
            { provider: adding.provider, model: adding.model.trim(), inputPerMillion: addInput, outputPerMillion: addOutput },
          ]);
          setAdding({ ...adding, model: '', input: '', output: '' });
        }}
      >
        <label>
          Provider
          <select value={adding.provider} onChange={(e) => setAdding({ ...adding, provider: e.currentTarget.value as ProviderId })}>
            {PRICED.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model to price
          <input value={adding.model} placeholder="e.g. gpt-4.1" onChange={(e) => setAdding({ ...adding, model: e.currentTarget.value })} />
        </label>
        <label>
          Input $/M
          <input
            type="number"
            min={0}
            step={0.01}
            value={adding.input}
            onChange={(e) => setAdding({ ...adding, input: e.currentTarget.value })}
          />
        </label>
        <label>
          Output $/M
          <input
            type="number"
            min={0}
            step={0.01}
            value={adding.output}
            onChange={(e) => setAdding({ ...adding, output: e.currentTarget.value })}
          />
        </label>
        <button type="submit" className="button" disabled={!canAdd}>
          Add a row
        </button>
        <button type="button" className="button" onClick={() => save(DEFAULT_PRICES.map((p) => ({ ...p })))}>
          Reset to published prices
        </button>
      </form>
    </details>
  );
}
