import { Stack, Table, Text, Title } from '@mantine/core';
import type { Problem } from '../api/errors';
import { DataTable } from '../ui/DataTable';
import { describePath, sectionOf, sentence, withinSheet } from './words';

/** Problems grouped by section of the file (or sheet of the workbook), in the api's order. */
function groupProblems(problems: readonly Problem[]): [string, Problem[]][] {
  const groups = new Map<string, Problem[]>();
  for (const problem of problems) {
    const section = sectionOf(problem.path);
    const group = groups.get(section);
    if (group) group.push(problem);
    else groups.set(section, [problem]);
  }
  return [...groups];
}

/** Every problem where it is: one table per section, the location then what is wrong. */
export function ProblemList({
  problems,
  headingOrder = 3,
}: {
  problems: readonly Problem[];
  headingOrder?: 3 | 4;
}) {
  return (
    <Stack gap="md">
      {groupProblems(problems).map(([section, items]) => (
        <section key={section} aria-label={section}>
          <Title order={headingOrder} size="h5" mb={4}>
            {section} ({items.length})
          </Title>
          <DataTable
            minWidth={340}
            striped
            withTableBorder
            verticalSpacing="xs"
            columns={[{ label: 'Emplacement', w: '40%' }, 'Problème']}
          >
            {items.map((problem, index) => {
              const words = describePath(problem.path);
              return (
                <Table.Tr key={`${problem.path}-${index}`}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {/* In words only: the file's field names are not the reader's. */}
                    {words ? (
                      <Text size="sm">{words}</Text>
                    ) : (
                      <Text size="sm">{withinSheet(problem.path)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {sentence(problem.message)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        </section>
      ))}
    </Stack>
  );
}
