import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { TerritoryDto } from '../api/schema';

const LEVEL: Record<TerritoryDto['level'], string> = {
  COM: '',
  BE: '',
  EPT: 'territoire',
  EPCI: 'intercommunalité',
  DEP: 'département',
  REG: 'région',
};

const labelOf = (territory: TerritoryDto) => {
  const level = LEVEL[territory.level];
  const within = [level, territory.parentName].filter(Boolean).join(', ');
  return within ? `${territory.name} (${within})` : territory.name;
};

/** An official territory, searched on the api by the start of its name or its code. */
export function TerritorySelect({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  required,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (code: string) => void;
  onBlur: () => void;
  error?: string;
  required?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<TerritoryDto | null>(null);
  const [query] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['territories', query],
    queryFn: () =>
      unwrap(api.GET('/api/territories', { params: { query: { q: query, limit: 20 } } })),
    enabled: query.length >= 2,
    staleTime: 60 * 60_000,
  });
  const found = results.data ?? [];
  // The chosen territory stays an option, or the field would lose its label on a new search.
  const territories =
    chosen && !found.some((t) => t.code === chosen.code) ? [chosen, ...found] : found;

  return (
    <Select
      label={label}
      description={description}
      placeholder="Tapez le début du nom ou le code INSEE"
      required={required}
      searchable
      clearable
      data={territories.map((t) => ({ value: t.code, label: labelOf(t) }))}
      // The api already filtered: show what it found, as it found it.
      filter={({ options }) => options}
      value={value || null}
      onChange={(code) => {
        setChosen(territories.find((t) => t.code === code) ?? null);
        onChange(code ?? '');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      onBlur={onBlur}
      error={error}
      nothingFoundMessage={
        query.length < 2
          ? 'Tapez au moins deux lettres.'
          : results.isFetching
            ? 'Recherche…'
            : 'Aucun territoire ne commence ainsi.'
      }
    />
  );
}
