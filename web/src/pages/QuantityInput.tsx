/**
 * A quantity box that lets the shopper clear it to type another number: the text is kept while editing
 * and only a whole number from 1 to `max` reaches `onChange`; leaving the box empty puts the last value back.
 */
import { useState } from 'react';

export function QuantityInput({ label, value, max, onChange, hideLabel = false }: { label: string; value: number; max: number; onChange: (quantity: number) => void; hideLabel?: boolean }) {
  const [text, setText] = useState(String(value));
  // A new value from outside (the cart capped it, another tab changed it) replaces the text being shown.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  function accept(raw: string) {
    setText(raw);
    const parsed = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(parsed) || parsed < 1) return;
    if (parsed > max) setText(String(max));
    onChange(Math.min(max, parsed));
  }
  return (
    <label className="quantity">
      <span className={hideLabel ? 'visually-hidden' : undefined}>{label}</span>
      <input type="number" inputMode="numeric" min={1} max={max} step={1} value={text}
        onChange={(e) => accept(e.target.value)}
        onBlur={() => setText(String(Math.min(max, value)))} />
    </label>
  );
}
