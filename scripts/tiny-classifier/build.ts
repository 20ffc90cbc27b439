// Builds test/fixtures/tiny-classifier/: a tiny sequence-classification model in the layout of a Hugging Face
// ONNX export (config.json, tokenizer.json with a SentencePiece Unigram model, onnx/model.onnx). The
// tokenizer is written here, the corpus is tokenised with the same tokenizer package the gateway runs, and
// scripts/tiny-classifier/train.py (Debian's python3-torch) trains and exports the network.
// Usage: node --import tsx scripts/tiny-classifier/build.ts [OUT_DIR]   (needs Debian's python3-torch and
// python3-onnx: apt-get install python3-torch python3-onnx; TINY_CLASSIFIER_PYTHON names another python)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { tinyCorpus } from './corpus.js';

const OUT = resolve(process.argv[2] ?? 'test/fixtures/tiny-classifier');
const MAX_LENGTH = 64;
const SPECIALS = ['[PAD]', '[CLS]', '[SEP]', '[UNK]', '[MASK]'] as const;
const SPACE = '\u2581';

function unigramVocab(texts: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  const add = (piece: string, n = 1) => counts.set(piece, (counts.get(piece) ?? 0) + n);
  for (const text of texts) {
    for (const word of text.normalize('NFKC').split(/\s+/).filter(Boolean)) {
      const w = SPACE + word;
      add(w);
      for (const ch of w) add(ch);
      for (let len = 2; len <= 6; len++)
        for (let i = 0; i + len <= w.length; i++) add(w.slice(i, i + len), 0.25);
    }
  }
  const pieces = [...counts.entries()]
    .filter(([p, n]) => [...p].length === 1 || n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3000);
  const total = pieces.reduce((s, [, n]) => s + n, 0);
  return [
    ...SPECIALS.map((s): [string, number] => [s, 0]),
    ...pieces.map(([p, n]): [string, number] => [p, Math.log(n / total)]),
  ];
}

function tokenizerJson(vocab: [string, number][]): Record<string, unknown> {
  const special = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: SPACE, prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 0 } },
        special('[SEP]'),
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [1], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [2], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: SPACE, prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
  };
}

const tokenizerConfig = {
  tokenizer_class: 'DebertaV2Tokenizer',
  model_max_length: MAX_LENGTH,
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  mask_token: '[MASK]',
  do_lower_case: false,
};

function main(): void {
  const rows = tinyCorpus();
  const vocab = unigramVocab(rows.map((r) => r.text));
  const tj = tokenizerJson(vocab);
  const tokenizer = new Tokenizer(tj, tokenizerConfig);
  // Rows longer than one window are cut the way the gateway cuts them (halving stride, [CLS] ... [SEP]);
  // an attack row longer than one window is left out, so every window keeps its row's label.
  const room = MAX_LENGTH - 2;
  const encoded = rows.flatMap((r) => {
    const ids = tokenizer.encode(r.text, { add_special_tokens: false }).ids.map(Number);
    const out: { ids: number[]; label: 0 | 1 }[] = [];
    if (r.label === 1 && ids.length > room) return out; // the attack could fall outside the window
    for (let s = 0; ; s += room / 2) {
      out.push({ ids: [1, ...ids.slice(s, s + room), 2], label: r.label });
      if (s + room >= ids.length) break;
    }
    return out;
  });
  // Attacks spliced into benign windows at any position, so a window is judged by what it holds, not by
  // how much ordinary text surrounds the attack.
  const attacks = rows
    .filter((r) => r.label === 1)
    .map((r) => tokenizer.encode(r.text, { add_special_tokens: false }).ids.map(Number));
  const benign = encoded.filter((e) => e.label === 0 && e.ids.length > 40);
  benign.forEach((e, k) => {
    const attack = attacks[k % attacks.length]!.slice(0, 30);
    const body = e.ids.slice(1, -1).slice(0, room - attack.length);
    const at = (k * 7919) % (body.length + 1);
    encoded.push({ ids: [1, ...body.slice(0, at), ...attack, ...body.slice(at), 2], label: 1 });
  });
  mkdirSync(join(OUT, 'onnx'), { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'tiny-classifier-'));
  try {
    const idsPath = join(tmp, 'ids.json');
    writeFileSync(idsPath, JSON.stringify({ vocabSize: vocab.length, maxLength: MAX_LENGTH, rows: encoded }));
    execFileSync(
      process.env.TINY_CLASSIFIER_PYTHON ?? '/usr/bin/python3',
      [resolve(import.meta.dirname, 'train.py'), idsPath, join(OUT, 'onnx', 'model.onnx')],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  writeFileSync(join(OUT, 'tokenizer.json'), `${JSON.stringify(tj)}\n`);
  writeFileSync(join(OUT, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
  const config = {
    _comment: 'Tiny test model built by scripts/tiny-classifier/build.ts; not a production detector.',
    architectures: ['DebertaV2ForSequenceClassification'],
    model_type: 'deberta-v2',
    id2label: { 0: 'LABEL_0', 1: 'LABEL_1' },
    label2id: { LABEL_0: 0, LABEL_1: 1 },
    max_position_embeddings: MAX_LENGTH,
    vocab_size: vocab.length,
    type_vocab_size: 0,
    pad_token_id: 0,
  };
  writeFileSync(join(OUT, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  process.stderr.write(`tiny classifier: ${rows.length} rows, ${vocab.length} pieces -> ${OUT}\n`);
}

main();
