import { writeLpFormat } from './lp-format.writer';
import { LpModelBuilder } from './lp-model';

function smallModel() {
  const builder = new LpModelBuilder();
  const x = builder.addColumn('x', 0, 4);
  const y = builder.addColumn('y', 0, Infinity);
  const z = builder.addColumn('z', -Infinity, Infinity);
  const w = builder.addColumn('w', 2, 2);
  builder.addRow('first', '<=', 10, [x, y], [1, 2.5]);
  builder.addRow('second', '>=', -1, [x, z], [-1, 1 / 3]);
  builder.addRow('third', '=', 0.1, [y, w], [1, -1]);
  return { builder, x, y, z, w };
}

describe('writeLpFormat', () => {
  it('writes the CPLEX LP format, every number as the same double', () => {
    const { builder } = smallModel();
    const cost = Float64Array.from([1, 0, -2, 0]);
    const text = writeLpFormat(builder.build(['A small model', 'for a test'], 'maximize', cost));
    expect(text).toBe(
      [
        '\\ A small model',
        '\\ for a test',
        'Maximize',
        ' obj: x - 2 z',
        'Subject To',
        ' first: x + 2.5 y <= 10',
        ' second: - x + 0.3333333333333333 z >= -1',
        ' third: y - w = 0.1',
        'Bounds',
        ' 0 <= x <= 4',
        ' y >= 0',
        ' z free',
        ' w = 2',
        'End',
        '',
      ].join('\n'),
    );
  });

  it('writes a constant objective with one zero term, which every reader accepts', () => {
    const { builder } = smallModel();
    const text = writeLpFormat(builder.build([], 'minimize', new Float64Array(4)));
    expect(text.split('\n').slice(0, 2)).toEqual(['Minimize', ' obj: 0 x']);
  });

  it('cuts long rows into lines of at most 100 characters', () => {
    const builder = new LpModelBuilder();
    const columns = Array.from({ length: 500 }, (_, i) => builder.addColumn(`x${i}`, 0, 1));
    builder.addRow(
      'long',
      '<=',
      1,
      columns,
      columns.map((i) => 1 / (i + 3)),
    );
    const text = writeLpFormat(builder.build([], 'minimize', new Float64Array(500).fill(1)));
    const lines = text.split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    const row = text.slice(text.indexOf(' long:'), text.indexOf('Bounds'));
    expect(row.match(/x\d+/g)).toHaveLength(500);
    expect(row.trimEnd().endsWith('<= 1')).toBe(true);
  });

  it('keeps comment lines to printable ASCII, so that they stay comments', () => {
    const { builder } = smallModel();
    const text = writeLpFormat(
      builder.build(['Marché\nSubject To x <= 0'], 'minimize', new Float64Array(4)),
    );
    expect(text.split('\n')[0]).toBe('\\ March? Subject To x <= 0');
  });
});
