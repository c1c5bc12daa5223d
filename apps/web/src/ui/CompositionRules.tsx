import { Badge, Group, List, Text } from '@mantine/core';

/** A composition rule checked, as the api gives it (allocation result or workflow). */
export interface CheckedRule {
  rule: string;
  kind?: string;
  met: boolean;
  message: string;
}

/** The composition rules, each met or unmet with its sentence (which carries its figure). */
export function CompositionRules({ rules, empty }: { rules: CheckedRule[]; empty: string }) {
  if (rules.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List spacing="xs" listStyleType="none" ml={0}>
      {rules.map((rule) => (
        <List.Item key={`${rule.rule}-${rule.kind ?? ''}`}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={rule.met ? 'green' : 'red'} variant="light" miw={120}>
              {rule.met ? 'Respectée' : 'Non respectée'}
            </Badge>
            <Text size="sm">{rule.message}</Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
