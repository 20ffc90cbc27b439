// The fixed chat completion the benchmarks' mock upstream answers with (also the reply the hot-path
// breakdown parses), so both measure the same bytes.
export const FIXED_REPLY = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench-model',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Benchmark reply: a short fixed answer.' },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 8, completion_tokens: 8, total_tokens: 16 },
});
