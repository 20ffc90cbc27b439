// Counters and histograms for the per-request path: a label set is resolved once to a cell, and recording is an
// array increment; prom-client's own metrics hash the label object on every call. They register in a
// prom-client Registry and render exactly as prom-client's Counter and Histogram do.
import type { Metric, Registry } from 'prom-client';

type Labels = Record<string, string>;

interface MetricValue {
  value: number;
  labels: Labels;
  metricName?: string;
}

interface MetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: MetricValue[];
  aggregator: 'sum';
}

export interface CounterCell {
  inc(by?: number): void;
}

export interface HistogramCell {
  observe(value: number): void;
}

abstract class HotMetric<Cell> {
  readonly aggregator = 'sum' as const;
  protected readonly cells = new Map<string, { labels: Labels; cell: Cell }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric<string>);
  }

  /** The cell of one label set (values in `labelNames` order); callers keep it or look it up by key. */
  labels(...values: string[]): Cell {
    const key = values.join('\u0000');
    let entry = this.cells.get(key);
    if (!entry) {
      const labels: Labels = {};
      this.labelNames.forEach((n, i) => {
        labels[n] = values[i] ?? '';
      });
      entry = { labels, cell: this.createCell() };
      this.cells.set(key, entry);
    }
    return entry.cell;
  }

  protected abstract createCell(): Cell;
  abstract get(): Promise<MetricData>;

  reset(): void {
    this.cells.clear();
  }
}

export class HotCounter extends HotMetric<CounterCell & { value: number }> {
  readonly type = 'counter' as const;

  protected createCell() {
    const cell = {
      value: 0,
      inc(by = 1) {
        cell.value += by;
      },
    };
    return cell;
  }

  async get(): Promise<MetricData> {
    const values = [...this.cells.values()].map(({ labels, cell }) => ({ value: cell.value, labels }));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}

interface HistogramState extends HistogramCell {
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

export class HotHistogram extends HotMetric<HistogramState> {
  readonly type = 'histogram' as const;

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    super(name, help, labelNames, registry);
  }

  protected createCell(): HistogramState {
    const bounds = this.buckets;
    const cell: HistogramState = {
      counts: new Array<number>(bounds.length + 1).fill(0),
      sum: 0,
      count: 0,
      observe(value: number) {
        if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
        let i = 0;
        while (i < bounds.length && value > bounds[i]!) i++;
        cell.counts[i]!++;
        cell.sum += value;
        cell.count++;
      },
    };
    return cell;
  }

  // The same series, in the same order, as prom-client's Histogram: cumulative buckets, +Inf, _sum, _count.
  async get(): Promise<MetricData> {
    const values: MetricValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const { labels, cell } of this.cells.values()) {
      let acc = 0;
      this.buckets.forEach((le, i) => {
        acc += cell.counts[i]!;
        values.push({ value: acc, labels: { le: le as unknown as string, ...labels }, metricName: bucket });
      });
      values.push({ value: cell.count, labels: { le: '+Inf', ...labels }, metricName: bucket });
      values.push({ value: cell.sum, labels: { ...labels }, metricName: `${this.name}_sum` });
      values.push({ value: cell.count, labels: { ...labels }, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
