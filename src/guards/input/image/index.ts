// Request guard for inline images (data URLs in image_url parts): size and pixel limits, metadata stripped,
// and feature squeezing (bit-depth reduction, slight resize, re-encode) against pixel perturbations.
import sharp from 'sharp';
import { z } from 'zod';
import { allow, block, transform } from '../../../core/decision.js';
import { defineGuardType } from '../../types.js';

const options = z
  .object({
    maxBytes: z.number().int().positive().default(5_000_000).describe('Largest decoded image, in bytes.'),
    maxPixels: z
      .number()
      .int()
      .positive()
      .default(25_000_000)
      .describe('Most pixels (width x height) per image.'),
    bitDepth: z
      .number()
      .int()
      .min(1)
      .max(8)
      .default(5)
      .describe('Bits kept per colour channel when squeezing.'),
    resizeFactor: z
      .number()
      .min(0.5)
      .max(1)
      .default(0.9)
      .describe('Scale applied when squeezing (1 = no resize).'),
    remote: z
      .enum(['allow', 'block'])
      .default('allow')
      .describe('What to do with image URLs that are not inline data URLs (they cannot be inspected here).'),
  })
  .strict();

type Opts = z.output<typeof options>;
const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;

interface ImageRef {
  part: Record<string, unknown>;
  url: string;
}

function imageParts(body: Record<string, unknown>): ImageRef[] {
  const out: ImageRef[] = [];
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const m of messages) {
    const content = (m as { content?: unknown })?.content;
    if (!Array.isArray(content)) continue;
    for (const p of content) {
      const iu = (p as { image_url?: unknown })?.image_url;
      const url = typeof iu === 'string' ? iu : (iu as { url?: unknown } | undefined)?.url;
      if (typeof url === 'string') out.push({ part: p as Record<string, unknown>, url });
    }
  }
  return out;
}

/** Re-encodes an image as PNG without metadata, resized slightly and reduced to `bitDepth` bits per channel. */
export async function squeezeImage(
  input: Buffer,
  opts: Pick<Opts, 'bitDepth' | 'resizeFactor'>,
): Promise<Buffer> {
  const img = sharp(input, { failOn: 'error' }).rotate();
  const meta = await img.metadata();
  const width = Math.max(1, Math.round((meta.autoOrient?.width ?? meta.width ?? 1) * opts.resizeFactor));
  const { data, info } = await img
    .resize({ width })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = (0xff << (8 - opts.bitDepth)) & 0xff;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! & mask;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .png()
    .toBuffer();
}

export const imageGuard = defineGuardType({
  name: 'image',
  description:
    'Limits inline images, strips their metadata and squeezes their features (bit depth, resize, re-encode).',
  phases: ['request'],
  tags: ['LLM01'],
  options,
  create(opts, settings) {
    return {
      id: settings.id,
      phase: 'request',
      tags: ['LLM01'],
      failMode: settings.failMode,
      // Decoding and re-encoding large images takes longer than text guards.
      deadlineMs: settings.deadlineMs ?? 2000,
      async check(ctx) {
        const refs = imageParts(ctx.body);
        if (refs.length === 0) return allow(settings.id);
        const rewrites: { part: Record<string, unknown>; url: string }[] = [];
        for (const [i, ref] of refs.entries()) {
          const m = DATA_URL.exec(ref.url);
          if (!m) {
            if (opts.remote === 'block')
              return block(settings.id, { reason: `image ${i}: remote image URLs are not allowed` });
            continue;
          }
          const bytes = Buffer.from(m[2]!, 'base64');
          if (bytes.length > opts.maxBytes) {
            return block(settings.id, {
              reason: `image ${i}: ${bytes.length} bytes exceeds ${opts.maxBytes}`,
            });
          }
          let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
          try {
            meta = await sharp(bytes).metadata();
          } catch {
            return block(settings.id, { reason: `image ${i}: not a decodable image` });
          }
          const pixels = (meta.width ?? 0) * (meta.height ?? 0);
          if (pixels > opts.maxPixels) {
            return block(settings.id, { reason: `image ${i}: ${pixels} pixels exceeds ${opts.maxPixels}` });
          }
          const squeezed = await squeezeImage(bytes, opts);
          rewrites.push({ part: ref.part, url: `data:image/png;base64,${squeezed.toString('base64')}` });
        }
        if (rewrites.length === 0) return allow(settings.id, { details: { images: refs.length, inline: 0 } });
        return transform(settings.id, {
          changes: [
            `${rewrites.length} image(s) re-encoded without metadata, ${opts.bitDepth}-bit, scaled ${opts.resizeFactor}`,
          ],
          details: { images: refs.length, inline: rewrites.length },
          patch() {
            for (const r of rewrites) {
              const iu = r.part.image_url;
              if (iu && typeof iu === 'object') (iu as Record<string, unknown>).url = r.url;
              else r.part.image_url = r.url;
            }
          },
        });
      },
    };
  },
});
