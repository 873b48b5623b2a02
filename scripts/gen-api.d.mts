export const outputs: { schema: string; rights: string };
export function stripDocs<T>(node: T): T;
export function rightExplanations(description: string | undefined): Record<string, string>;
export function generate(spec: Record<string, unknown>): Promise<Record<string, string>>;
