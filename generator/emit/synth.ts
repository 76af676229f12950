/** Runs the generated CDKTF app in `dir` with ldgen's own dependencies; filled in with the CDKTF emitter. */
export function synth(dir: string): void {
  throw new Error(`cdktf synth is not available yet (${dir})`);
}
