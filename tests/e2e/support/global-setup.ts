/** Placeholder while the end-to-end setup is written. */
export default async function setup(): Promise<void> {}
