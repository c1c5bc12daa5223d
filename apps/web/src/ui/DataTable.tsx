import {
  Table,
  type TableProps,
  type TableScrollContainerProps,
  type TableThProps,
} from '@mantine/core';
import type { ReactNode } from 'react';

/** A column's heading; a numeric one is aligned right, over its figures. */
export type Column = string | { label: ReactNode; numeric?: boolean; w?: TableThProps['w'] };

/** A right-aligned column of figures. */
export const numeric = (label: string): Column => ({ label, numeric: true });

type DataTableProps = Omit<TableProps, 'children'> & {
  /** In order; `false` leaves out a column this reader does not see. */
  columns: readonly (Column | false)[];
  /** Narrower than this, the table scrolls sideways rather than squeeze; none: no scrolling. */
  minWidth?: number;
  visibleFrom?: TableScrollContainerProps['visibleFrom'];
  /**
   * Names the scrolling region and lets the keyboard reach it (WCAG 2.1.1), for a table wider
   * than a phone that a keyboard user must scroll.
   */
  scrollRegionLabel?: string;
  /** The rows of the body. */
  children: ReactNode;
  /** The rows of a footer, e.g. a total. */
  footer?: ReactNode;
};

/** A table with one row of column headings (scope="col"), its rows, and a footer if any. */
export function DataTable({
  columns,
  minWidth,
  visibleFrom,
  scrollRegionLabel,
  children,
  footer,
  ...table
}: DataTableProps) {
  const content = (
    <Table {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, index) => {
            if (column === false) return null;
            const { label, numeric, w } = typeof column === 'string' ? { label: column } : column;
            return (
              // A table's columns do not move: their place is their identity.
              <Table.Th key={index} scope="col" ta={numeric ? 'right' : undefined} w={w}>
                {label}
              </Table.Th>
            );
          })}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
      {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
    </Table>
  );
  return minWidth === undefined ? (
    content
  ) : (
    <Table.ScrollContainer
      minWidth={minWidth}
      visibleFrom={visibleFrom}
      scrollAreaProps={
        scrollRegionLabel === undefined
          ? undefined
          : {
              viewportProps: { tabIndex: 0, role: 'region', 'aria-label': scrollRegionLabel },
            }
      }
    >
      {content}
    </Table.ScrollContainer>
  );
}
