// Types for the untyped llm_guardrail package (comparison only).
declare module 'llm_guardrail' {
  interface Check {
    detected: boolean;
    confidence: number;
  }
  export function checkInjection(prompt: string): Promise<Check>;
  export function checkJailbreak(prompt: string): Promise<Check>;
}
