import { Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Ref, useState } from 'react';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { TerritoryDto } from '../api/schema';
import { TERRITORY_LEVEL } from './words';

const describe = (territory: TerritoryDto) =>
  [TERRITORY_LEVEL[territory.level], territory.parentName, territory.code]
    .filter(Boolean)
    .join(' · ');

const shown = (territory: TerritoryDto) =>
  `${territory.name} (${[TERRITORY_LEVEL[territory.level], territory.parentName].filter(Boolean).join(', ')})`;

/**
 * A territory of the official list (commune, EPT, EPCI, département, région, Belgique), searched
 * by name or code as one types; the value is its qualified code (COM:93066).
 */
export function TerritoryPicker({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  inputRef,
  required,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
}) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [chosen, setChosen] = useState<TerritoryDto | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['territories', debounced],
    queryFn: () =>
      unwrap(api.GET('/api/territories', { params: { query: { q: debounced, limit: 20 } } })),
    enabled: debounced.length >= 2,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  // The field shows the chosen territory until one types again (which clears the value).
  const current = chosen && chosen.code === value ? chosen : null;
  const text = current ? shown(current) : search;
  const options = debounced.length >= 2 ? (results.data ?? []) : [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(code) => {
        const territory = options.find((option) => option.code === code);
        if (territory) {
          setChosen(territory);
          setSearch('');
          onChange(territory.code);
        }
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target withExpandedAttribute>
        <InputBase
          ref={inputRef}
          label={label}
          description={description}
          required={required}
          placeholder="Tapez au moins 2 lettres ou chiffres : Bobigny, 93008…"
          value={text}
          error={error}
          autoComplete="off"
          rightSection={results.isFetching ? <Loader size={16} /> : <Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            if (value) onChange('');
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={(event) => {
            // A chosen territory is replaced by typing over it: select it whole.
            if (current) event.currentTarget.select();
            combobox.openDropdown();
          }}
          onBlur={() => {
            combobox.closeDropdown();
            onBlur?.();
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {results.isError ? (
            <Combobox.Empty>{messageOf(results.error)}</Combobox.Empty>
          ) : options.length === 0 ? (
            <Combobox.Empty>
              {debounced.length < 2
                ? 'Tapez au moins 2 caractères.'
                : results.isFetching
                  ? 'Recherche…'
                  : 'Aucun territoire ne correspond.'}
            </Combobox.Empty>
          ) : (
            options.map((territory) => (
              <Combobox.Option value={territory.code} key={territory.code}>
                <Text size="sm" fw={500}>
                  {territory.name}
                </Text>
                <Text size="xs" c="gray.7">
                  {describe(territory)}
                </Text>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
