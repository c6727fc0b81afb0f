/**
 * Guesses whether a model serves the legacy text completions route (`POST /completions`), from
 * what its sources say (endpoints, features, type) and, failing that, from its name: instruct,
 * base and code models usually do; chat-tuned models usually do not; image, audio, video and
 * embedding models never do.
 */
import { ModelInfo } from './modelInfo';

export type CompletionSupport =
  /** Listed for `/completions`, or named like an instruct / base / code model. */
  | 'completion'
  /** A text model that probably only serves `/chat/completions`. */
  | 'chat'
  /** Not a text generation model (image, audio, video, embedding, moderation, rerank…). */
  | 'other';

export interface SupportOptions {
  /** A local server (llama.cpp, vLLM, Ollama): every text model it lists serves `/completions`. */
  localServer?: boolean;
}

const NOT_TEXT_ID =
  /(^|[-_/.:])(dall-?e|gpt-image|image|imagen|flux|midjourney|mj|sd3|sdxl|stable-diffusion|ideogram|recraft|seedream|seedance|kling|sora|veo|runway|luma|hailuo|video|suno|udio|music|tts|speech|audio|whisper|transcribe|realtime|embed|embedding|embeddings|moderation|rerank|bge|jina|ocr)([-_/.:]|\d|$)/i;
const NOT_TEXT_TYPE = /^(image|video|audio|music|speech|tts|stt|asr|embedding|embeddings|rerank|moderation|3d)$/;
const NOT_TEXT_FEATURE = /^(text-to-image|image-to-image|image-editing|text-to-video|image-to-video|video-editing|text-to-speech|speech-to-text|text-to-audio|text-to-music|embedding|embeddings|rerank)$/;

/** Names of models known or likely to serve `/completions`. */
const COMPLETION_ID =
  /(instruct|davinci|babbage|curie|(^|[-_/.:])ada([-_/.:]|$)|(^|[-_/.:])base([-_/.:]|$)|coder|codestral|starcoder|codellama|code-?llama|codegemma|codeqwen|deepseek-coder|santacoder|stable-code|(^|[-_/.:])fim([-_/.:]|$)|(^|[-_/.:])text-)/i;
/** Instruct variants that are nevertheless chat-only in practice (OpenAI's own instruct is the exception). */
const CHAT_DESPITE_NAME = /(-chat|chat-|thinking|reasoner|realtime|-vision)/i;

function servesRoute(endpoints: string[], route: RegExp): boolean {
  return endpoints.some((endpoint) => route.test(endpoint));
}

export function completionSupport(model: ModelInfo, options: SupportOptions = {}): CompletionSupport {
  const id = model.id;
  const type = model.modelType ?? '';
  const features = model.features;
  const endpoints = model.endpoints;

  // What a source says outright wins over the name.
  if (servesRoute(endpoints, /(^|\/)v1\/completions$|^\/completions$|^completions?$|^text-completions?$|^openai-completions?$/)) return 'completion';
  if (NOT_TEXT_TYPE.test(type) || (features.length > 0 && features.every((f) => NOT_TEXT_FEATURE.test(f)))) return 'other';
  if (/embedding|rerank|image|video|audio|speech/.test(endpoints.join(' ')) && !servesRoute(endpoints, /chat|openai$|^\/v1\/responses$/)) {
    return 'other';
  }
  if (NOT_TEXT_ID.test(id)) return 'other';
  if (options.localServer) return 'completion';
  if (type === 'completion' || type === 'text-completion' || features.includes('text-completion') || features.includes('completion')) {
    return 'completion';
  }
  if (COMPLETION_ID.test(id) && !CHAT_DESPITE_NAME.test(id)) return 'completion';
  return 'chat';
}
