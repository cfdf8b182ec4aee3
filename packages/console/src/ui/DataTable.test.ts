import { mount } from '@vue/test-utils';
import { h } from 'vue';
import { describe, expect, it } from 'vitest';
import DataTable, { type TableColumn } from './DataTable.vue';

interface Row {
  id: string;
  name: string;
  total: number;
}

const columns: TableColumn<Row>[] = [
  { key: 'name', label: 'Name', cellClass: 'strong', text: (r) => r.name.toUpperCase() },
  { key: 'total', label: 'Total', numeric: true, text: (r) => `${r.total} items` },
  { key: 'action', label: 'Action' },
];
const rows: Row[] = [
  { id: 'a', name: 'Ana', total: 3 },
  { id: 'b', name: 'Beto', total: 12 },
];

describe('DataTable', () => {
  it('writes a heading per column and a cell per column and row, figures right-aligned', () => {
    const wrapper = mount(DataTable<Row>, {
      props: { columns, rows, rowKey: (r: Row) => r.id, dense: true, testid: 'people' },
    });
    const table = wrapper.get('table[data-testid="people"]');
    expect(table.classes()).toEqual(['table', 'table--dense']);
    expect(table.findAll('th').map((th) => [th.text(), th.classes()])).toEqual([
      ['Name', []],
      ['Total', ['num']],
      ['Action', []],
    ]);
    expect(table.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['ANA', '3 items', ''],
      ['BETO', '12 items', ''],
    ]);
    expect(
      table
        .findAll('tbody tr')[0]!
        .findAll('td')
        .map((td) => td.classes()),
    ).toEqual([['strong'], ['num'], []]);
  });

  it('fills a column from the slot named after its key, and sets each row its own attributes', () => {
    const wrapper = mount(DataTable<Row>, {
      props: { columns, rows, rowKey: (r: Row) => r.id, rowAttrs: (r: Row) => ({ 'data-testid': `row-${r.id}` }) },
      slots: { action: ({ row }: { row: Row }) => h('button', { type: 'button' }, `open ${row.name}`) },
    });
    expect(wrapper.get('table').classes()).toEqual(['table']);
    expect(wrapper.get('[data-testid="row-b"] button').text()).toBe('open Beto');
    expect(wrapper.get('[data-testid="row-a"]').findAll('td')[1]!.text()).toBe('3 items');
  });
});
