export const repoRoot: string;
export function specPath(): string;
export function loadSpec(): { spec: Record<string, unknown> | undefined; reason: string | undefined };
