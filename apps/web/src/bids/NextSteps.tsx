import { Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { NextStepDto } from '../api/schema';

/** Where each kind of step is done in the app. */
function pathOf(step: NextStepDto): string {
  const bid = `/candidatures/${step.bidId}`;
  switch (step.code) {
    case 'ACCEPT_INVITATION':
    case 'ACCEPT_CHARTER':
      return `${bid}/membres`;
    case 'DECLARE_CAPACITY':
      return step.memberId ? `${bid}/membres/${step.memberId}/capacites` : `${bid}/membres`;
    case 'VOTE':
      return `${bid}/decision`;
    case 'SIGN':
    case 'OPEN_SIGNING':
      return `${bid}/convention`;
    case 'PROPOSE_ALLOCATION':
    case 'REVISE_ALLOCATION':
      return `${bid}/repartition`;
    case 'OPEN_CAPACITY_CALL':
    case 'CLOSE_CAPACITY_CALL':
    case 'SUBMIT':
    case 'RECORD_RESULT':
      return bid;
    case 'CARRY_CHANGE_REQUEST':
      return `${bid}/modifications`;
  }
}

export function NextSteps({ steps, showBid = false }: { steps: NextStepDto[]; showBid?: boolean }) {
  if (steps.length === 0) return <Text c="dimmed">Rien à faire pour l’instant.</Text>;
  return (
    <List spacing="xs">
      {steps.map((step) => (
        <List.Item key={`${step.bidId}-${step.code}-${step.memberId ?? ''}`}>
          <Anchor component={Link} to={pathOf(step)}>
            {step.text}
          </Anchor>
          {showBid && (
            <Text span size="sm" c="dimmed">
              {' '}
              ({step.reference})
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
