// Errors that end the command with exit code 2 (usage or I/O) and a one-line reason on stderr.
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_MODEL_ERRORS = 1;
export const EXIT_USAGE = 2;
