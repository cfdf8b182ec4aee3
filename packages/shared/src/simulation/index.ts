/** The traffic simulator's model: seeded, pure, and free of I/O; the API's runner carries it out. */
export * from './random.ts';
export * from './disposition-model.ts';
export * from './timing-model.ts';
export * from './promise-model.ts';
export * from './step-plan.ts';
