/** What the global setup hands the journeys (through Vitest's provide/inject). */
export interface E2eContext {
  skip: boolean;
  baseUrl?: string;
  chromium?: string;
  /** The WebSocket endpoint of the run's one Chromium, which every journey file connects to. */
  browserEndpoint?: string;
  logins?: { role: 'ADMIN' | 'SECRETARIAT' | 'FOCAL_POINT' | 'PARTNER'; email: string; password: string }[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}
