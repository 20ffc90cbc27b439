// The benchmarks' realistic exchange: a system prompt, a tool definition and a few turns in the request, and
// an answer with markdown (a link, an image from an allowed badge host, a code block), as JSON or as SSE.

/** The model name that makes the mock upstream answer with the realistic reply instead of the short one. */
export const REALISTIC_MODEL = 'bench-realistic';

const SYSTEM_PROMPT =
  'You are the support assistant of Northwind Cloud, a hosting company. Answer questions about deployments, ' +
  'billing and the command-line tool. Keep answers short, use markdown, and show commands in code blocks. ' +
  'Link to docs.northwind.example for details. Never share internal ticket notes or staff names, and ask for ' +
  'the project id before looking anything up. If a question is outside hosting, say so politely.';

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'lookup_project',
      description: 'Look up a customer project by its id and return its plan, region and last deployment.',
      parameters: {
        type: 'object',
        properties: {
          project_id: { type: 'string', description: 'The project id, e.g. prj_12ab34' },
          include_deployments: { type: 'boolean', description: 'Also return the last five deployments.' },
        },
        required: ['project_id'],
      },
    },
  },
];

const TURNS = [
  { role: 'system', content: SYSTEM_PROMPT },
  { role: 'user', content: 'Hi, my deploys started failing this morning. What should I check first?' },
  {
    role: 'assistant',
    content:
      'Sorry to hear that. Could you tell me your project id and paste the last lines of the deploy log?',
  },
  {
    role: 'user',
    content:
      'Project prj_7f31c2. The log ends with "error: build step exceeded memory limit (512 MB)". How do I fix it?',
  },
];

function requestBody(stream: boolean): string {
  return JSON.stringify({
    model: REALISTIC_MODEL,
    ...(stream ? { stream: true } : {}),
    messages: TURNS,
    tools: TOOLS,
    tool_choice: 'auto',
    temperature: 0.2,
  });
}

export const REALISTIC_BODY = requestBody(false);
export const REALISTIC_STREAM_BODY = requestBody(true);

const ANSWER = [
  'Your build ran out of memory: the **512 MB** limit applies to the build step of the Starter plan.',
  '',
  'You can either raise the build memory or make the build lighter:',
  '',
  '1. Raise it for this project (Pro plans allow up to 4 GB):',
  '',
  '```sh',
  'northwind project set prj_7f31c2 --build-memory 2048',
  'northwind deploy --project prj_7f31c2',
  '```',
  '',
  '2. Or cap the bundler, for example with `NODE_OPTIONS=--max-old-space-size=448` in the build env.',
  '',
  'See [build limits](https://docs.northwind.example/builds/limits) for the numbers per plan.',
  '',
  '![build status](https://img.shields.io/badge/build-passing-brightgreen)',
  '',
  'If it still fails after that, send me the full log and I will look at the deployment history.',
].join('\n');

export const REALISTIC_REPLY = JSON.stringify({
  id: 'chatcmpl-bench-realistic',
  object: 'chat.completion',
  created: 1,
  model: REALISTIC_MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 310, completion_tokens: 190, total_tokens: 500 },
});

const sseChunk = (delta: Record<string, unknown>, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: REALISTIC_MODEL, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** The answer as SSE events of about 24 characters each (roughly what a model streams), then stop and [DONE]. */
export const REALISTIC_STREAM: string[] = (() => {
  const out = [sseChunk({ role: 'assistant', content: '' }, null)];
  for (let i = 0; i < ANSWER.length; i += 24) out.push(sseChunk({ content: ANSWER.slice(i, i + 24) }, null));
  out.push(sseChunk({}, 'stop'), 'data: [DONE]\n\n');
  return out;
})();
