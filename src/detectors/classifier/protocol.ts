// Messages between the gateway and the classifier worker.
import type { TextScore } from './engine.js';

export interface ClassifierInit {
  path: string;
  injectionLabels?: string[];
  maxTokens?: number;
  batchSize: number;
  maxChars: number;
}

export type ToClassifier = { t: 'score'; id: number; texts: string[] };

export type FromClassifier =
  | { t: 'ready'; labels: string[]; attack: number[]; inputs: string[]; maxTokens: number }
  | { t: 'fatal'; e: string }
  | { t: 'reply'; id: number; scores: TextScore[] }
  | { t: 'reply'; id: number; e: string };
