/**
 * A bench's measuring child process: takes the one request its parent sends, answers with the
 * figures and disconnects; a failure is printed and exits non-zero.
 */
export function answerParentOnce<Request, Figures>(
  measure: (request: Request) => Promise<Figures>,
): void {
  process.once('message', (request: Request) => {
    measure(request).then(
      (figures) => process.send?.(figures, () => process.disconnect()),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
        process.disconnect();
      },
    );
  });
}
