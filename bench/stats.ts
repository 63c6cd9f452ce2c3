/** Small, generic helpers shared by the benchmark parts: percentiles and a plain-text table. */

/**
 * The p-th percentile (0 to 100) of `values`, interpolating linearly between the two nearest
 * ranks (the same definition as numpy's default), so p50 of an even count is the mean of the two
 * middle values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list: measure at least one value');
  if (p < 0 || p > 100) throw new Error(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (rank - lower);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty list: measure at least one value');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The usual latency summary of a list of samples. */
export function summarize(values: readonly number[]): Summary {
  return {
    count: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: mean(values),
  };
}

export interface Column<Row> {
  header: string;
  /** Right-aligned by default, which suits numbers; set `left` for text. */
  align?: 'left' | 'right';
  cell(row: Row): string;
}

/** A Markdown table whose columns are padded to line up in a terminal too. */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, 3, ...cells.map((line) => (line[index] as string).length)),
  );
  const pad = (text: string, index: number): string => {
    const width = widths[index] as number;
    return columns[index]?.align === 'left' ? text.padEnd(width) : text.padStart(width);
  };
  const line = (texts: readonly string[]): string => `| ${texts.map(pad).join(' | ')} |`;
  const rule = `|${columns
    .map((column, index) => {
      const dashes = '-'.repeat((widths[index] as number) + 2);
      return column.align === 'left' ? dashes : `${dashes.slice(1)}:`;
    })
    .join('|')}|`;
  return [line(columns.map((column) => column.header)), rule, ...cells.map(line)].join('\n');
}
