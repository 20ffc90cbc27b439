// The field allow-list: standard parameters pass on every route, extras only where the upstream lists them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WardenError } from '../core/errors.js';
import { checkRequestFields, type FieldPolicy } from './request-fields.js';

const strict: FieldPolicy = { name: 'up', extraParams: [], contentParts: [], tokenInput: 'refuse' };
const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WardenError);
    return { code: err.code, param: err.toJSON().error.param, message: err.message };
  }
  return undefined;
};

describe('checkRequestFields', () => {
  it('accepts the standard parameters of each route', () => {
    const completions = {
      model: 'm',
      prompt: 'p',
      suffix: 's',
      echo: false,
      best_of: 1,
      logprobs: 2,
      max_tokens: 5,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u',
    };
    assert.equal(
      refusal(() => checkRequestFields('completions', completions, strict)),
      undefined,
    );
    const embeddings = { model: 'm', input: ['a'], encoding_format: 'base64', dimensions: 8, user: 'u' };
    assert.equal(
      refusal(() => checkRequestFields('embeddings', embeddings, strict)),
      undefined,
    );
  });

  it('refuses a field of another route or outside the API, naming it; allows declared extras', () => {
    assert.deepEqual(
      refusal(() => checkRequestFields('embeddings', { model: 'm', input: 'a', temperature: 1 }, strict)),
      {
        code: 'WARDEN_PARAM_UNSUPPORTED',
        param: 'temperature',
        message:
          "Request field 'temperature' is not accepted: it is not an OpenAI API parameter and upstream 'up' does not list it in extraParams",
      },
    );
    const vllm = { ...strict, extraParams: ['top_k', 'guided_json'] };
    const body = { model: 'm', messages: [], top_k: 5, guided_json: {} };
    assert.equal(
      refusal(() => checkRequestFields('chat', body, vllm)),
      undefined,
    );
    assert.equal(refusal(() => checkRequestFields('chat', body, strict))?.param, 'top_k');
  });

  it('refuses audio and file parts unless the upstream allows them, and unknown part types always', () => {
    const body = (type: string) => ({ model: 'm', messages: [{ role: 'user', content: [{ type }] }] });
    assert.equal(
      refusal(() => checkRequestFields('chat', body('input_audio'), strict))?.code,
      'WARDEN_CONTENT_PART_UNSUPPORTED',
    );
    const media = { ...strict, contentParts: ['input_audio', 'file'] };
    assert.equal(
      refusal(() => checkRequestFields('chat', body('input_audio'), media)),
      undefined,
    );
    assert.equal(
      refusal(() => checkRequestFields('chat', body('file'), media)),
      undefined,
    );
    assert.equal(
      refusal(() => checkRequestFields('chat', body('video_url'), media))?.param,
      'messages[0].content[0]',
    );
  });

  it('refuses a spoken answer (audio in modalities or audio options) and accepts text-only modalities', () => {
    const chat = (extra: Record<string, unknown>) => ({ model: 'm', messages: [], ...extra });
    for (const [extra, param] of [
      [{ modalities: ['text', 'audio'] }, 'modalities'],
      [{ modalities: ['audio'] }, 'modalities'],
      [{ modalities: 'audio' }, 'modalities'],
      [{ audio: { voice: 'alloy', format: 'wav' } }, 'audio'],
      [{ modalities: ['text'], audio: { voice: 'alloy' } }, 'audio'],
    ] as const) {
      const r = refusal(() => checkRequestFields('chat', chat(extra), strict));
      assert.equal(r?.code, 'WARDEN_OUTPUT_MODALITY_UNSUPPORTED', JSON.stringify(extra));
      assert.equal(r?.param, param);
    }
    for (const extra of [{ modalities: ['text'] }, { modalities: null, audio: null }, {}])
      assert.equal(
        refusal(() => checkRequestFields('chat', chat(extra), strict)),
        undefined,
      );
  });

  it('refuses token-id input unless the upstream decodes it', () => {
    for (const [route, key] of [
      ['completions', 'prompt'],
      ['embeddings', 'input'],
    ] as const) {
      for (const ids of [
        [1, 2, 3],
        [[1, 2], [3]],
      ]) {
        const body = { model: 'm', [key]: ids };
        assert.equal(
          refusal(() => checkRequestFields(route, body, strict))?.code,
          'WARDEN_TOKEN_INPUT_UNSUPPORTED',
        );
        assert.equal(
          refusal(() => checkRequestFields(route, body, { ...strict, tokenInput: 'decode' })),
          undefined,
        );
      }
    }
  });
});
