/** Raised before any request is sent when an input does not make sense; names the input. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly inputLabel: string,
    problem: string,
  ) {
    super(`${inputLabel}: ${problem}`);
  }
}
