/**
 * The simulator's "model": a deterministic answer, so tests can assert on it. Tokens are
 * approximated as words and punctuation marks.
 */
export const countTokens = (text: string): number => text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)?.length ?? 0;

export const answerFor = (prompt: string, modelName: string): string => {
  if (/capital of georgia/i.test(prompt)) {
    return "The capital of Georgia is Atlanta. It is the most populous city in Georgia and serves as the state's economic and cultural center.";
  }
  return `Hello from the okta-bedrock simulator, answering as ${modelName}. You said: ${prompt.trim().slice(0, 200)}`;
};

/** The first `maxTokens` tokens of `text` (and whether it was cut). */
export const truncateTokens = (text: string, maxTokens: number): { text: string; cut: boolean } => {
  const re = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
  let count = 0;
  let end = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (count === maxTokens) return { text: text.slice(0, end), cut: true };
    count++;
    end = m.index + m[0].length;
  }
  return { text, cut: false };
};
