import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Ref, useState } from 'react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { TerritoryDto } from '../api/schema';
import { TERRITORY_LEVEL } from './labels';

const labelOf = (territory: TerritoryDto) =>
  `${territory.name} (${[TERRITORY_LEVEL[territory.level], territory.parentName].filter(Boolean).join(', ')})`;

/** The api takes a bounded list: the first codes are enough to tell where the search happens. */
const NEAR_MAX = 60;

/**
 * A territory of the official list (commune, EPT, EPCI, département, région, Belgique), searched
 * on the api by name or code as one types; the value is its qualified code (COM:93066). `near`
 * says where the search happens (the bid's territories, the organisations' seats): the api lists
 * those and their département's territories first.
 */
export function TerritorySelect({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  inputRef,
  required,
  near = [],
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
  near?: readonly string[];
}) {
  const context = [...new Set(near.filter((code) => code && !code.startsWith('SITE:')))]
    .slice(0, NEAR_MAX)
    .join(',');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<TerritoryDto | null>(null);
  const [query] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['territories', query, context],
    queryFn: () =>
      unwrap(
        api.GET('/api/territories', {
          params: { query: { q: query, limit: 20, ...(context ? { near: context } : {}) } },
        }),
      ),
    enabled: query.length >= 2,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
  });
  const found = query.length >= 2 ? (results.data ?? []) : [];
  // The chosen territory stays an option, or the field would lose its label on a new search.
  const territories =
    chosen && !found.some((t) => t.code === chosen.code) ? [chosen, ...found] : found;

  return (
    <Select
      ref={inputRef}
      label={label}
      description={description}
      placeholder="Tapez au moins 2 lettres ou chiffres : Bobigny, 93008…"
      required={required}
      searchable
      clearable
      data={territories.map((t) => ({ value: t.code, label: labelOf(t) }))}
      // The api already searched, without accents or case: show what it found, in its order.
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
          ? 'Tapez au moins 2 caractères.'
          : results.isError
            ? 'La recherche n’a pas abouti : réessayez.'
            : results.isFetching
              ? 'Recherche…'
              : 'Aucun territoire ne correspond.'
      }
    />
  );
}

/** The territory a react-hook-form field holds, picked with TerritorySelect. */
export function TerritoryField<T extends FieldValues>({
  control,
  name,
  label,
  description,
  required,
  near,
}: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  description?: string;
  required?: boolean;
  near?: readonly string[];
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TerritorySelect
          label={label}
          description={description}
          required={required}
          near={near}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
