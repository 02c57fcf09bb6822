/** Messages between a WorkerPool and its threads. */
export type TaskRequest = { kind: 'task'; task: string; payload: unknown };
export type TaskReply =
  | { kind: 'ready' }
  | { kind: 'init-failed'; message: string }
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; name: string; message: string; data: Record<string, unknown> };
