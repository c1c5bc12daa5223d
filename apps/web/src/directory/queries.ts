import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';

export type DirectoryFilters = {
  search?: string;
  kind?: 'EI' | 'AI' | 'ACI' | 'ETTI' | 'EITI' | 'GEIQ' | 'EA' | 'ESAT' | 'ETA' | 'OTHER';
  territory?: string;
  size?: 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';
};

export const directoryKeys = {
  list: (networkId: string, filters: DirectoryFilters) =>
    ['directory', networkId, 'list', filters] as const,
  one: (networkId: string, organisationId: string) =>
    ['directory', networkId, 'organisation', organisationId] as const,
  commitments: (networkId: string) => ['directory', networkId, 'commitments'] as const,
};

/** The network's directory, filtered (the filters left empty are not sent). */
export function useDirectory(networkId: string, filters: DirectoryFilters) {
  const query = Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as DirectoryFilters;
  return useQuery({
    queryKey: directoryKeys.list(networkId, query),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/organisations', {
          params: { path: { networkId }, query: { ...query, limit: 500 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One organisation's page: its entry, its bids in the network, its commitments. */
export function useDirectoryOrganisation(networkId: string, organisationId: string) {
  return useQuery({
    queryKey: directoryKeys.one(networkId, organisationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/organisations/{organisationId}', {
          params: { path: { networkId, organisationId } },
        }),
      ),
  });
}

/** The organisations of the network beyond their declared limits. */
export function useOverCommitments(networkId: string) {
  return useQuery({
    queryKey: directoryKeys.commitments(networkId),
    queryFn: () =>
      unwrap(api.GET('/api/networks/{networkId}/commitments', { params: { path: { networkId } } })),
  });
}

export const SIZE_LABELS: Record<NonNullable<DirectoryFilters['size']>, string> = {
  MICRO: 'Moins de 10 salariés',
  SMALL: '10 à 49 salariés',
  MEDIUM: '50 à 249 salariés',
  LARGE: '250 salariés et plus',
};

export const MEASURE_LABELS: Record<'HOURS' | 'REVENUE' | 'INSERTION_HOURS', string> = {
  HOURS: 'Heures',
  REVENUE: 'Chiffre d’affaires',
  INSERTION_HOURS: 'Heures d’insertion',
};
