/** Where CLI commands write: the console in `main.ts`, a buffer in tests. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = {
  log: (line) => {
    console.log(line);
  },
  error: (line) => {
    console.error(line);
  },
};
