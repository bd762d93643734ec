import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list page's table: one header row (`head`: its cells), the rows, and a sideways scroll below `minWidth`. */
export function ListTable({
  minWidth,
  head,
  striped = true,
  highlightOnHover = false,
  children,
}: {
  minWidth: number;
  head: ReactNode;
  striped?: boolean;
  /** The rows link somewhere: the one under the pointer is marked. */
  highlightOnHover?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped={striped} highlightOnHover={highlightOnHover} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A table as printed minutes show it: bordered cells, compact rows, one header row (`head`: its cells). */
export function PrintTable({ head, children }: { head: ReactNode; children: ReactNode }) {
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>{head}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
