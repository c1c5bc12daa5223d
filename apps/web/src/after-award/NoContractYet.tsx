import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';

/** Before any won lot has its contract set, a page of the execution has nothing to show. */
export function NoContractYet({ bidId }: { bidId: string }) {
  return (
    <Alert color="blue">
      Aucun lot gagné n’a encore son marché fixé (page{' '}
      <Anchor component={Link} to={`/candidatures/${bidId}/attribution`}>
        Attribution
      </Anchor>
      ).
    </Alert>
  );
}
