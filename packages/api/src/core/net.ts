/** Whether `host` is an address only this machine can reach (the published demo keys are safe only there). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The interface to listen on: the configured one, else localhost for the embedded demo and every interface otherwise. */
export function listenHost(configured: string | undefined, embeddedDemo: boolean): string {
  return configured ?? (embeddedDemo ? '127.0.0.1' : '0.0.0.0');
}
