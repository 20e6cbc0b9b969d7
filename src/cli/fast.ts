/**
 * The warm path, loaded before anything else: returns an exit code when it fully handled the
 * command, or undefined to hand over to the full CLI. Must import nothing heavy.
 */
export async function fast(argv: string[]): Promise<number | undefined> {
  void argv;
  return undefined;
}
