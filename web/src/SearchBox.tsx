/**
 * The header's search box with suggestions as you type: WAI-ARIA's "combobox with listbox popup" pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). The focus stays in the input; ↓/↑ move through the
 * suggestions (aria-activedescendant), Enter searches the one chosen (or the text typed), Escape closes the
 * list (a second Escape clears the box), Tab leaves. Suggestions are asked 200 ms after the last keystroke
 * (searchSuggestions, top 8); an answer for older text is dropped. The searched text stays in the box.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useClient } from 'urql';
import { graphql } from './gql';
import type { SearchField } from './gql/graphql';
import { navigate } from './router';
import { searchPath } from '../../model/shop-paths';

const SuggestionsQuery = graphql(`
  query SearchSuggestions($prefix: String!) {
    searchSuggestions(prefix: $prefix, limit: 8) { text productCount field }
  }
`);

const DEBOUNCE_MS = 200;
const MIN_LENGTH = 2;

const FIELD_LABELS: Record<SearchField, string> = { NAME: 'producto', INGREDIENT: 'principio activo', LAB: 'laboratorio' };

interface Suggestion {
  readonly text: string;
  readonly productCount: number;
  readonly field: SearchField;
}

export function SearchBox({ searched }: { searched: string }) {
  const client = useClient();
  const listId = useId();
  const [text, setText] = useState(searched);
  const [suggestions, setSuggestions] = useState<readonly Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The box shows what the page searched (a link, Back, a shared URL), until the shopper types again.
  const [shown, setShown] = useState(searched);
  if (shown !== searched) {
    setShown(searched);
    setText(searched);
    setOpen(false);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  function ask(value: string) {
    clearTimeout(timer.current);
    const request = ++latest.current;
    if (value.trim().length < MIN_LENGTH) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(() => {
      void client
        .query(SuggestionsQuery, { prefix: value.slice(0, 100) })
        .toPromise()
        .then((result) => {
          if (request !== latest.current) return;
          const found = result.data?.searchSuggestions ?? [];
          setSuggestions(found);
          setActive(-1);
          setOpen(found.length > 0);
        });
    }, DEBOUNCE_MS);
  }

  function search(value: string) {
    const query = value.trim();
    if (query.length < MIN_LENGTH) return;
    clearTimeout(timer.current);
    latest.current++;
    setText(query);
    setOpen(false);
    setActive(-1);
    navigate(searchPath(query));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    search(open && active >= 0 ? suggestions[active]!.text : text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((index) => (open ? (index + 1) % count : 0));
        break;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        if (!open) setOpen(true);
        setActive((index) => (open ? (index <= 0 ? count - 1 : index - 1) : count - 1));
        break;
      case 'Escape':
        event.preventDefault();
        if (open) {
          setOpen(false);
          setActive(-1);
        } else {
          setText('');
          ask('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  }

  const expanded = open && suggestions.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <form role="search" onSubmit={submit}>
      <div className="search-box">
        <input
          type="search"
          name="q"
          role="combobox"
          aria-label="Buscar productos"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          placeholder="Busca medicamentos, principio activo o laboratorio"
          value={text}
          maxLength={100}
          minLength={MIN_LENGTH}
          onChange={(e) => {
            setText(e.target.value);
            ask(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul className="suggestions" id={listId} role="listbox" aria-label="Sugerencias de búsqueda" hidden={!expanded}>
          {suggestions.map((s, index) => (
            <li
              key={s.text}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Keeps the focus in the input (the pattern's focus model); the click then searches.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => search(s.text)}
            >
              <span>{s.text}</span>
              <span className="muted">{FIELD_LABELS[s.field]} · {s.productCount}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit">Buscar</button>
    </form>
  );
}
